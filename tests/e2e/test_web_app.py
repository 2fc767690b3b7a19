"""The web app's side of the local stack over real sockets (SPEC §11, issue 11): `purelift serve` serves a built
`web/dist` at `/` with the SPA fallback and cache headers, `/config.json` from the ports it bound, the dev sign-in
(local only) and its seeded team, the API unchanged under `/api/`, and a bucket that answers the web app's origin
(and no other) for the browser's presigned upload and downloads."""

from __future__ import annotations

import http.client
import io
import json
import zipfile
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from urllib.parse import urlsplit

import httpx
import pytest

from tests.e2e.e2e_support import Served, serve, small_batches, wait_for

INDEX = b"<!doctype html><html><head><title>purelift</title></head><body><div id=root></div></body></html>"
SCRIPT = b"console.log('purelift');"
SECRET = b"SECRET OUTSIDE THE WEB APP"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A `web/dist` as Vite builds it (fingerprinted assets), and a file beside it that must never be served."""
    root = tmp_path_factory.mktemp("web")
    (root / "secret.txt").write_bytes(SECRET)
    dist = root / "dist"
    (dist / "assets").mkdir(parents=True)
    (dist / "index.html").write_bytes(INDEX)
    (dist / "assets" / "index-B3x9_kQ2.js").write_bytes(SCRIPT)
    (dist / "assets" / "index-Cq81mZ0a.css").write_bytes(b"body{margin:0}")
    (dist / "assets" / "logo.svg").write_bytes(b"<svg xmlns='http://www.w3.org/2000/svg'/>")
    (dist / "favicon.ico").write_bytes(b"\x00\x00\x01\x00")
    (dist / "config.json").write_bytes(b'{"api_url": "stale"}')
    (dist / "link-out.txt").symlink_to(root / "secret.txt")
    return dist


@pytest.fixture(scope="module")
def web(built: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    served = serve(tmp_path_factory.mktemp("web-stack"), *small_batches(), "--web-dist", str(built))
    yield served
    assert served.stop() == 0, served.logs()


def raw_get(served: Served, path: str, method: str = "GET") -> tuple[int, dict[str, str], bytes]:
    """A request with the path exactly as given: no client normalises `..` or re-encodes anything."""
    location = urlsplit(served.rest)
    connection = http.client.HTTPConnection(location.hostname or "127.0.0.1", location.port, timeout=30)
    try:
        connection.request(method, path)
        response = connection.getresponse()
        return response.status, {k.lower(): v for k, v in response.getheaders()}, response.read()
    finally:
        connection.close()


# --- the web app at / ---
def test_the_banner_names_the_web_app_first(web: Served) -> None:
    first = next(line for line in web.banner.splitlines() if line.startswith("  "))
    assert first.split() == ["Web", "app", f"{web.rest}/"]
    assert web.urls["Web app"] == f"{web.rest}/"


def test_the_root_is_index_html_revalidated_every_time(web: Served) -> None:
    response = httpx.get(f"{web.rest}/", timeout=10)
    assert response.status_code == 200 and response.content == INDEX
    assert response.headers["content-type"] == "text/html; charset=utf-8"
    assert response.headers["cache-control"] == "no-cache"
    assert response.headers["x-content-type-options"] == "nosniff"
    again = httpx.get(f"{web.rest}/", headers={"If-None-Match": response.headers["etag"]}, timeout=10)
    assert again.status_code == 304 and again.content == b""


@pytest.mark.parametrize("path", ["/jobs/0123/files/app/ui/window.py", "/teams", "/signin?next=%2Fstats", "/a.b/c"])
def test_an_app_route_falls_back_to_index_html(web: Served, path: str) -> None:
    response = httpx.get(f"{web.rest}{path}", timeout=10)
    assert response.status_code == 200 and response.content == INDEX
    assert response.headers["cache-control"] == "no-cache"


@pytest.mark.parametrize(
    ("path", "content_type", "cache"),
    [
        ("/assets/index-B3x9_kQ2.js", "text/javascript; charset=utf-8", "public, max-age=31536000, immutable"),
        ("/assets/index-Cq81mZ0a.css", "text/css; charset=utf-8", "public, max-age=31536000, immutable"),
        ("/assets/logo.svg", "image/svg+xml", "no-cache"),  # no fingerprint: revalidated
        ("/favicon.ico", "image/x-icon", "no-cache"),
    ],
)
def test_files_have_their_type_and_fingerprinted_ones_live_long(
    web: Served, built: Path, path: str, content_type: str, cache: str
) -> None:
    response = httpx.get(f"{web.rest}{path}", timeout=10)
    assert response.status_code == 200
    assert response.content == (built / path.lstrip("/")).read_bytes()
    assert (response.headers["content-type"], response.headers["cache-control"]) == (content_type, cache)


def test_head_answers_without_a_body(web: Served) -> None:
    status, headers, body = raw_get(web, "/assets/index-B3x9_kQ2.js", "HEAD")
    assert (status, body) == (200, b"")
    assert headers["content-length"] == str(len(SCRIPT))


def test_config_json_is_built_from_the_bound_ports(web: Served) -> None:
    response = httpx.get(f"{web.rest}/config.json", timeout=10)
    assert response.status_code == 200 and response.headers["cache-control"] == "no-store"
    assert response.json() == {"api_url": web.api, "ws_url": web.ws, "auth": "local"}
    assert web.api.startswith("http://127.0.0.1:") and not web.api.endswith(":8000/api/v1")  # the real port


@pytest.mark.parametrize(
    "path",
    [
        "/../secret.txt",
        "/assets/../../secret.txt",
        "/%2e%2e/secret.txt",
        "/assets/%2e%2e/%2e%2e/secret.txt",
        "/assets/..%2f..%2fsecret.txt",
        "/..%5csecret.txt",
        "/assets/..\\..\\secret.txt",
        "/%252e%252e/secret.txt",
        "/link-out.txt",
        "/.%00./secret.txt",
        "//secret.txt",
    ],
)
def test_nothing_outside_web_dist_is_ever_served(web: Served, path: str) -> None:
    status, _, body = raw_get(web, path)
    assert SECRET not in body
    assert status in (200, 400, 404) and (status != 200 or body == INDEX)


# --- the API is unaffected ---
def test_the_api_stays_under_api(web: Served) -> None:
    assert httpx.get(f"{web.api}/health", timeout=10).json()["status"] == "ok"
    assert httpx.get(f"{web.api}/me", timeout=10).status_code == 401  # the authorizer still comes first
    unknown = httpx.get(f"{web.rest}/api", timeout=10)
    assert unknown.status_code == 403 and unknown.json()["error"]["message"] == "Missing Authentication Token"
    posted = httpx.post(f"{web.rest}/nowhere", timeout=10)  # only GET and HEAD reach the web app
    assert posted.status_code == 403 and posted.json()["error"]["message"] == "Missing Authentication Token"


# --- dev sign-in (the local stack only) ---
def sign_in(served: Served, user_id: str) -> httpx.Client:
    answer = httpx.post(f"{served.api}/dev/token", json={"user_id": user_id}, timeout=10)
    assert answer.status_code == 200, answer.text
    return httpx.Client(base_url=served.api, headers={"Authorization": f"Bearer {answer.json()['token']}"}, timeout=30)


def test_the_dev_identities_cover_every_role(web: Served) -> None:
    response = httpx.get(f"{web.api}/dev/identities", timeout=10)
    assert response.status_code == 200 and response.headers["cache-control"] == "no-store"
    assert response.headers["access-control-allow-origin"] == "*"  # the API's AllowedOrigin: a dev server may ask
    identities = {i["user_id"]: i for i in response.json()["identities"]}
    assert {k: identities[k]["role"] for k in ("admin", "lead", "alice", "bob")} == {
        "admin": "Admin",
        "lead": "TeamLead",
        "alice": "User",
        "bob": "User",
    }
    assert all(set(i) == {"user_id", "role", "email", "label"} and i["label"] for i in identities.values())


@pytest.mark.parametrize(("user_id", "role"), [("admin", "Admin"), ("lead", "TeamLead"), ("alice", "User")])
def test_a_dev_token_is_accepted_by_the_authorizer(web: Served, user_id: str, role: str) -> None:
    answer = httpx.post(f"{web.api}/dev/token", json={"user_id": user_id}, timeout=10).json()
    assert set(answer) == {"token", "expires_at"}
    expires = datetime.fromisoformat(answer["expires_at"])
    assert timedelta(hours=11) < expires - datetime.now(UTC) <= timedelta(hours=12, seconds=5)
    me = httpx.get(f"{web.api}/me", headers={"Authorization": f"Bearer {answer['token']}"}, timeout=10)
    assert me.status_code == 200
    assert (me.json()["user_id"], me.json()["role"], me.json()["email"]) == (user_id, role, f"{user_id}@example.com")


@pytest.mark.parametrize(
    ("body", "status", "code"),
    [
        ({"user_id": "mallory"}, 404, "identity_not_found"),
        ({"user_id": "alice", "role": "Admin"}, 422, "validation_error"),  # no choosing a role for a user
        ({"user": "alice"}, 422, "validation_error"),
        (["alice"], 422, "validation_error"),
        ("{not json", 400, "malformed_json"),
    ],
)
def test_a_bad_dev_token_request_is_a_json_error(web: Served, body: object, status: int, code: str) -> None:
    content = body if isinstance(body, str) else json.dumps(body)
    response = httpx.post(f"{web.api}/dev/token", content=content, timeout=10)
    assert response.status_code == status
    assert response.json()["error"]["code"] == code and response.json()["error"]["request_id"]


def test_the_dev_paths_take_one_method_each(web: Served) -> None:
    wrong = httpx.get(f"{web.api}/dev/token", timeout=10)
    assert (wrong.status_code, wrong.headers["allow"]) == (405, "POST")
    assert httpx.post(f"{web.api}/dev/identities", timeout=10).headers["allow"] == "GET"


def test_the_seeded_team_has_its_lead_and_members(web: Served) -> None:
    with sign_in(web, "alice") as alice:
        teams = alice.get("/me").json()["teams"]
        (team,) = [t for t in alice.get("/teams").json()["items"] if t["name"] == "Desktop migration"]
        assert {"team_id": team["team_id"], "lead": False} in teams
        members = {m["user_id"]: m["lead"] for m in alice.get(f"/teams/{team['team_id']}/members").json()["items"]}
    assert members == {"lead": True, "alice": False, "bob": False}
    with sign_in(web, "carol") as carol:
        assert carol.get("/me").json()["teams"] == []


# --- the bucket answers the web app's origin, and only it ---
def example_zip() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("app/calc.py", "def add(a, b):\n    return a + b\n")
    return buffer.getvalue()


def preflight(url: str, origin: str, method: str) -> httpx.Response:
    """What a browser sends before an upload with a progress listener (XMLHttpRequest.upload) or a fetch."""
    headers = {
        "Origin": origin,
        "Access-Control-Request-Method": method,
        "Access-Control-Request-Headers": "content-type",
    }
    return httpx.options(url, headers=headers, timeout=10)


def test_the_bucket_allows_the_web_apps_origin_for_upload_and_download(web: Served) -> None:
    origin, other = web.rest, "http://evil.example"
    with sign_in(web, "alice") as alice:
        # Given a job created as the web app creates it (JSON: a presigned POST)
        created = alice.post("/analysis", json={"name": "calc", "filename": "calc.zip"}).json()
        upload = created["upload"]

        # Then the upload's preflight is allowed for the web app's origin and refused for another
        allowed = preflight(upload["url"], origin, "POST")
        assert allowed.status_code == 200, allowed.text
        assert allowed.headers["access-control-allow-origin"] == origin
        assert "POST" in allowed.headers["access-control-allow-methods"]
        refused = preflight(upload["url"], other, "POST")
        assert refused.status_code >= 400 and refused.headers.get("access-control-allow-origin") != other

        # And the upload itself, sent with the origin, answers with it (the browser may read the status)
        posted = httpx.post(
            upload["url"],
            data=upload["fields"],
            files={"file": ("calc.zip", example_zip(), "application/zip")},
            headers={"Origin": origin},
            timeout=30,
        )
        assert posted.status_code in (200, 201, 204), posted.text
        assert posted.headers["access-control-allow-origin"] == origin

        # When the job has run, Then a presigned GET (a download, as a large result's {url}) answers the origin only
        assert alice.post(f"/analysis/{created['job_id']}/start").status_code == 202
        wait_for(lambda: alice.get(f"/analysis/{created['job_id']}").json()["status"] == "completed", timeout=120)
        link = alice.get(
            f"/analysis/{created['job_id']}/download", params={"format": "json"}, headers={"Accept": "application/json"}
        ).json()
    got = httpx.get(link["url"], headers={"Origin": origin}, timeout=10)
    assert got.status_code == 200 and got.headers["access-control-allow-origin"] == origin
    foreign = httpx.get(link["url"], headers={"Origin": other}, timeout=10)
    assert "access-control-allow-origin" not in foreign.headers
    assert preflight(link["url"], origin, "GET").headers["access-control-allow-origin"] == origin


def test_the_source_file_route_is_served_through_the_gateway(web: Served) -> None:
    with sign_in(web, "bob") as bob:
        created = bob.post("/analysis", files={"file": ("calc.zip", example_zip(), "application/zip")}).json()
        job = created["job_id"]
        wait_for(lambda: bob.get(f"/analysis/{job}").json()["status"] == "completed", timeout=120)
        (path,) = [f["path"] for f in bob.get(f"/analysis/{job}/result").json()["files"]]
        served = bob.get(f"/analysis/{job}/files/{path}")
        assert served.status_code == 200 and served.text == "def add(a, b):\n    return a + b\n"
        assert served.headers["content-type"] == "text/plain; charset=utf-8"
        token = bob.headers["Authorization"]
    # Raw paths a browser or proxy might send: none reaches another file or another route
    location = urlsplit(web.rest)
    for path in ("app/../calc.py", "./calc.py", "%2e%2e/%2e%2e/result", "..%2Fresult", "%5Ccalc.py", "calc.py%00"):
        connection = http.client.HTTPConnection(location.hostname or "127.0.0.1", location.port, timeout=30)
        connection.request("GET", f"/api/v1/analysis/{job}/files/{path}", headers={"Authorization": token})
        response = connection.getresponse()
        body = response.read()
        connection.close()
        assert response.status == 404, (path, body)
        assert json.loads(body)["error"]["code"] == "file_not_found", path


# --- without a build, and across restarts ---
def test_without_a_build_the_page_says_how_and_the_dev_team_survives_restarts(tmp_path: Path) -> None:
    data = tmp_path / "data"
    served = serve(tmp_path, "--web-dist", str(tmp_path / "no-dist"), "--data", str(data))
    try:
        # Given no web/dist: every page says how to build it, the banner too; config.json and the API still work
        page = httpx.get(f"{served.rest}/jobs/x", timeout=10)
        assert page.status_code == 200 and page.headers["content-type"] == "text/html; charset=utf-8"
        assert "Node.js 20" in page.text and "npm ci" in page.text and "make dev" in page.text
        assert "(not built" in served.banner
        assert httpx.get(f"{served.rest}/config.json", timeout=10).json()["auth"] == "local"
        assert httpx.get(f"{served.api}/health", timeout=10).status_code == 200
        # and the seeded team is there once; an Admin removes bob from it
        with sign_in(served, "admin") as admin:
            (team,) = [t for t in admin.get("/teams").json()["items"] if t["name"] == "Desktop migration"]
            assert admin.delete(f"/teams/{team['team_id']}/members/bob").status_code == 204
    finally:
        assert served.stop() == 0, served.logs()

    # When the stack restarts on the same data
    again = serve(tmp_path, "--web-dist", str(tmp_path / "no-dist"), "--data", str(data))
    try:
        # Then the team is still one team, and what was changed in it stays changed (not seeded over)
        with sign_in(again, "admin") as admin:
            teams = [t for t in admin.get("/teams").json()["items"] if t["name"] == "Desktop migration"]
            assert [t["team_id"] for t in teams] == [team["team_id"]]
            members = admin.get(f"/teams/{team['team_id']}/members").json()["items"]
        assert sorted(m["user_id"] for m in members) == ["alice", "lead"]
    finally:
        assert again.stop() == 0, again.logs()
