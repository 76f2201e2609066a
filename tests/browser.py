"""What every browser test does first: log in through the real login page."""


def log_in(page, live_server, username: str, password: str) -> None:
    """Fill the login form as a user would and wait for the overview."""
    page.goto(f"{live_server.url}/tai-khoan/dang-nhap/")
    page.get_by_label("Tên đăng nhập").fill(username)
    page.get_by_label("Mật khẩu").fill(password)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url(f"{live_server.url}/")
