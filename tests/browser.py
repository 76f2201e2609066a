"""What every browser test does first: log in through the real login page; the guide's pictures."""

import os
from pathlib import Path


def log_in(page, live_server, username: str, password: str) -> None:
    """Fill the login form as a user would and wait for the overview."""
    page.goto(f"{live_server.url}/tai-khoan/dang-nhap/")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(password)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url(f"{live_server.url}/")


# The guide's pictures (/huong-dan/) are served from the package, so the installed app shows them.
# A run rewrites them only when asked (CHISO_GUIDE_SCREENSHOTS=1), so a plain test run leaves
# the work tree clean; docs/guide.md says how to refresh them.
GUIDE_IMAGES = Path(__file__).resolve().parents[1] / "src" / "chiso" / "static" / "guide"


def guide_picture(target, name: str, **options) -> None:
    """Save a screenshot of a page or a locator as the guide's picture `name` when asked to."""
    if os.environ.get("CHISO_GUIDE_SCREENSHOTS") != "1":
        return
    GUIDE_IMAGES.mkdir(parents=True, exist_ok=True)
    target.screenshot(path=str(GUIDE_IMAGES / name), **options)
