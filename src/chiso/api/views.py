"""The page where a user makes and revokes their own API tokens."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from chiso.api import tokens
from chiso.api.models import ApiToken


@login_required
def tokens_page(request: HttpRequest) -> HttpResponse:
    """List the user's tokens; POST makes one and shows its key once."""
    new_key = ""
    if request.method == "POST":
        token, new_key = tokens.issue(request.user, request.POST.get("name", ""))
        messages.success(request, f"Đã tạo khóa «{token.name}». Chép khóa ngay: khóa chỉ hiện một lần.")
    return render(
        request,
        "api/tokens.html",
        {"tokens": ApiToken.objects.filter(user=request.user), "new_key": new_key, "per_minute": tokens.per_minute()},
    )


@login_required
@require_POST
def revoke(request: HttpRequest, pk: int) -> HttpResponse:
    token = get_object_or_404(ApiToken, pk=pk, user=request.user)
    tokens.revoke(token)
    messages.success(request, f"Đã thu hồi khóa «{token.name}».")
    return redirect("api_tokens")
