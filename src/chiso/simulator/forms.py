from django import forms

from chiso.orgunits.models import OrgUnit
from chiso.simulator.models import Scenario


class ScenarioForm(forms.ModelForm):
    """A new scenario: its name, the province and the period whose values it starts from."""

    class Meta:
        model = Scenario
        fields = ["name", "unit", "base_period_id", "target_period_id", "note"]
        help_texts = {
            "base_period_id": "Sẵn là năm có số liệu Bộ công bố hoặc thẩm định gần nhất; ghi 2025 để bắt "
            "đầu từ hiện trạng 2025 (tự đánh giá) trong Phụ lục II của Kế hoạch."
        }

    def __init__(self, *args, provinces: set[int] | None = None, **kwargs):
        """``provinces``: ids of the units the user manages; only those provinces can be chosen."""
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = OrgUnit.objects.filter(type=OrgUnit.Type.TINH, pk__in=provinces or ()).order_by(
            "name"
        )
        self.fields["base_period_id"].initial = "2025"
        self.fields["target_period_id"].initial = "2025"
