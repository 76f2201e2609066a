"""`chiso apikey`: a key printed once that works for the user, and revoked by number."""

from click.testing import CliRunner

from chiso.api.models import ApiToken
from chiso.cli import main
from tests.fixtures.personas import auth


def run(*args):
    return CliRunner().invoke(main, list(args))


def test_a_created_key_reads_the_api_as_its_user(client, people):
    result = run("apikey", "create", "--user", "vanphong", "--label", "IOC tỉnh")
    assert result.exit_code == 0, result.output
    key = result.stdout.splitlines()[0]
    assert client.get("/api/frameworks", **auth(key)).status_code == 200
    assert ApiToken.objects.get().name == "IOC tỉnh"


def test_only_the_keys_hash_is_kept(people):
    key = run("apikey", "create", "--user", "vanphong").stdout.splitlines()[0]
    assert key not in ApiToken.objects.values_list("key_hash", flat=True)


def test_a_revoked_key_is_refused(client, people):
    key = run("apikey", "create", "--user", "vanphong").stdout.splitlines()[0]
    result = run("apikey", "revoke", str(ApiToken.objects.get().pk))
    assert result.exit_code == 0, result.output
    assert client.get("/api/frameworks", **auth(key)).status_code == 401


def test_an_unknown_user_gets_no_key(db):
    result = run("apikey", "create", "--user", "khong-co")
    assert result.exit_code == 2
    assert "không có người dùng «khong-co»" in result.stderr
    assert not ApiToken.objects.exists()
