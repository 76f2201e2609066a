"""Official reports (.docx in the Nghị định 30/2020 format) and their .xlsx/.csv appendices."""
