from django.urls import path

from chiso.collection import entry_views, excel_views, notice_views, reminder_views, review_views, tracker_views

app_name = "collection"
urlpatterns = [
    path("", entry_views.my_submissions, name="mine"),
    path("<int:pk>/", entry_views.submission_page, name="submission"),
    path("<int:pk>/gia-tri/<int:value_pk>/", entry_views.save_row, name="save_row"),
    path("<int:pk>/gia-tri/<int:value_pk>/lich-su/", entry_views.value_history, name="value_history"),
    path("<int:pk>/gia-tri/<int:value_pk>/kiem-chung/", entry_views.evidence_file, name="evidence"),
    path("<int:pk>/gui/", review_views.submit, name="submit"),
    path("<int:pk>/tra-lai/", review_views.return_for_changes, name="return"),
    path("<int:pk>/phe-duyet/", review_views.approve, name="approve"),
    path("<int:pk>/mo-lai/", review_views.reopen, name="reopen"),
    path("<int:pk>/excel/", excel_views.download, name="excel"),
    path("<int:pk>/excel/tai-len/", excel_views.upload, name="excel_upload"),
    path("<int:pk>/excel/xac-nhan/", excel_views.confirm_upload, name="excel_confirm"),
]

# Tracker, its export, province aggregation, notices (tracker helper).
urlpatterns += [
    path("theo-doi/", tracker_views.tracker, name="tracker"),
    path("theo-doi/xuat-excel/", tracker_views.tracker_export, name="tracker_export"),
    path("tong-hop/", tracker_views.aggregation, name="aggregation"),
    path("thong-bao/<int:pk>/da-doc/", tracker_views.notice_read, name="notice_read"),
]

# The user's notices; reminders from the tracker and their log (notices helper).
urlpatterns += [
    path("thong-bao/", notice_views.notice_list, name="notices"),
    path("thong-bao/<int:pk>/", notice_views.notice_open, name="notice_open"),
    path("theo-doi/nhac/", reminder_views.remind, name="remind"),
    path("nhat-ky-nhac/", reminder_views.reminder_log, name="reminder_log"),
]
