"""Every endpoint of the live server: answers, their schemas and headers, and each error status."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import httpx
import pytest
from click.testing import CliRunner
from server_support import DEMOS, MAX_BODY, demo_document, demo_json

from sheyin import Sheyin
from sheyin.cli import cli, form  # noqa: F401 - registers the form command
from sheyin.schemas import SchemaStore, problems

STORE = SchemaStore()
NAMES = Sheyin().index.names()  # every installed profile, as the server sees them
DEMO = next(path for path in DEMOS if "guangdong" in str(path))


def conforms(schema: str, data: Any) -> None:
    found = problems(STORE.validator(schema), data, schema)
    assert not found, [p.render("en") for p in found]


def is_problem(answer: httpx.Response, status: int) -> dict[str, Any]:
    assert answer.status_code == status, answer.text
    assert answer.headers["content-type"] == "application/problem+json"
    assert answer.headers["sheyin-version"]
    body: dict[str, Any] = answer.json()
    conforms("problems", body)
    return body


def test_profiles_lists_every_installed_profile(client: httpx.Client) -> None:
    answer = client.get("/v1/profiles")
    assert answer.status_code == 200
    conforms("profiles", answer.json())
    assert [p["name"] for p in answer.json()["profiles"]] == NAMES
    assert {"guangdong", "national", "yulin"} <= set(NAMES)


def test_every_answer_names_the_sheyin_version(client: httpx.Client) -> None:
    from importlib.metadata import version

    assert client.get("/v1/profiles").headers["sheyin-version"] == version("sheyin")


@pytest.mark.parametrize("name", NAMES)
def test_profile_answers_with_its_name_and_version_in_headers(
    client: httpx.Client, name: str
) -> None:
    answer = client.get(f"/v1/profiles/{name}")
    assert answer.status_code == 200
    conforms("profile-show", answer.json())
    assert answer.json()["name"] == name
    assert answer.headers["sheyin-profile"] == name
    assert answer.headers["sheyin-profile-version"] == answer.json()["version"]


@pytest.mark.parametrize("name", NAMES)
def test_requirements_give_text_citation_and_enforcement(client: httpx.Client, name: str) -> None:
    answer = client.get(f"/v1/profiles/{name}/requirements")
    assert answer.status_code == 200
    body = answer.json()
    conforms("requirement-list", body)
    assert body["requirements"]
    for requirement in body["requirements"]:
        assert (requirement["check"] is None) != (requirement["manual"] is None), requirement["id"]


def test_requirement_titles_follow_accept_language(client: httpx.Client) -> None:
    zh = client.get("/v1/profiles/yulin/requirements").json()["requirements"]
    en = client.get(
        "/v1/profiles/yulin/requirements", headers={"Accept-Language": "en-GB,en;q=0.9"}
    ).json()["requirements"]
    assert [r["title"] for r in zh] != [r["title"] for r in en]
    assert [r["text"] for r in zh] == [r["text"] for r in en]  # the original text stays Chinese


def test_catalogue_in_force_on_the_date(client: httpx.Client) -> None:
    answer = client.get("/v1/profiles/guangdong/catalogue", params={"as_of": "2025-06-01"})
    assert answer.status_code == 200
    conforms("catalogue", answer.json())
    assert answer.json()["as_of"] == "2025-06-01"
    assert answer.headers["sheyin-profile"] == "guangdong"


def test_catalogue_of_a_profile_without_one_is_404(client: httpx.Client) -> None:
    body = is_problem(client.get("/v1/profiles/national/catalogue"), 404)
    assert (
        "catalogue"
        in client.get("/v1/profiles/national/catalogue", headers={"Accept-Language": "en"}).json()[
            "detail"
        ]
    )
    assert body["problems"][0]["source"] == "profile national"


@pytest.mark.parametrize(
    "path",
    [
        "/v1/profiles/atlantis",
        "/v1/profiles/atlantis/requirements",
        "/v1/profiles/atlantis/catalogue",
    ],
)
def test_unknown_profile_is_404_naming_the_path(client: httpx.Client, path: str) -> None:
    body = is_problem(client.get(path), 404)
    assert body["problems"][0]["source"] == "path"
    assert body["problems"][0]["path"] == "/name"
    assert "atlantis" in body["problems"][0]["message"]


def test_malformed_as_of_is_422_naming_the_parameter(client: httpx.Client) -> None:
    body = is_problem(client.get("/v1/profiles/yulin", params={"as_of": "20251120"}), 422)
    assert body["problems"][0]["source"] == "query"
    assert body["problems"][0]["path"] == "/as_of"


def test_as_of_outside_the_contract_years_is_422(client: httpx.Client) -> None:
    is_problem(client.get("/v1/profiles/yulin", params={"as_of": "2300-01-01"}), 422)


def test_check_answers_the_report(client: httpx.Client) -> None:
    answer = client.post("/v1/check", content=demo_json(DEMO))
    assert answer.status_code == 200
    conforms("report", answer.json())
    assert answer.json()["profile"] == "guangdong"
    assert answer.headers["sheyin-profile"] == "guangdong"


def test_check_profile_parameter_wins_over_the_snapshot(client: httpx.Client) -> None:
    document = demo_document(DEMO)
    answer = client.post("/v1/check", params={"profile": "guangdong.guangzhou"}, json=document)
    assert answer.status_code == 200
    assert answer.json()["profile"] == "guangdong.guangzhou"
    assert answer.headers["sheyin-profile"] == "guangdong.guangzhou"


def test_check_as_of_parameter_wins_over_the_snapshot(client: httpx.Client) -> None:
    answer = client.post("/v1/check", params={"as_of": "2025-01-31"}, content=demo_json(DEMO))
    assert answer.json()["as_of"] == "2025-01-31"


def test_check_reads_toml_when_told(client: httpx.Client) -> None:
    toml = client.post(
        "/v1/check",
        content=DEMO.read_bytes(),
        headers={"Content-Type": "application/toml"},
    )
    json_answer = client.post("/v1/check", content=demo_json(DEMO))
    assert toml.json() == json_answer.json()


def test_check_with_unknown_profile_in_the_query_is_404(client: httpx.Client) -> None:
    body = is_problem(
        client.post("/v1/check", params={"profile": "atlantis"}, content=demo_json(DEMO)), 404
    )
    assert (body["problems"][0]["source"], body["problems"][0]["path"]) == ("query", "/profile")


def test_check_with_unknown_profile_in_the_body_is_404_naming_the_body(
    client: httpx.Client,
) -> None:
    document = {**demo_document(DEMO), "profile": "atlantis"}
    body = is_problem(client.post("/v1/check", json=document), 404)
    assert (body["problems"][0]["source"], body["problems"][0]["path"]) == ("body", "/profile")


def test_check_without_a_profile_is_422(client: httpx.Client) -> None:
    document = demo_document(DEMO)
    del document["profile"]
    body = is_problem(client.post("/v1/check", json=document), 422)
    assert body["problems"][0]["path"] == "/profile"


def test_check_of_invalid_json_is_422(client: httpx.Client) -> None:
    body = is_problem(client.post("/v1/check", content=b'{"profile": "yulin",'), 422)
    assert body["problems"][0]["source"] == "body"


def test_check_of_an_empty_body_is_422(client: httpx.Client) -> None:
    is_problem(client.post("/v1/check", content=b""), 422)


def test_check_problems_carry_the_pointer_in_the_asked_language(client: httpx.Client) -> None:
    document = demo_document(DEMO)
    document["outlets"][1]["zones"] = 5
    zh = is_problem(client.post("/v1/check", json=document), 422)
    en = is_problem(
        client.post("/v1/check", json=document, headers={"Accept-Language": "en-US"}), 422
    )
    assert [p["path"] for p in zh["problems"]] == ["/outlets/1/zones"]
    assert "应为" in zh["problems"][0]["message"]
    assert "expected" in en["problems"][0]["message"]


def test_body_over_the_limit_is_413(client: httpx.Client) -> None:
    body = b'{"profile": "yulin", "note": "' + b"x" * MAX_BODY + b'"}'
    is_problem(client.post("/v1/check", content=body), 413)


def test_chunked_body_over_the_limit_is_413(client: httpx.Client) -> None:
    def chunks() -> Any:
        for _ in range(5):
            yield b" " * (MAX_BODY // 4)

    is_problem(client.post("/v1/check", content=chunks()), 413)


def test_body_at_the_limit_is_read(client: httpx.Client) -> None:
    text = demo_json(DEMO)
    padded = text + b" " * (MAX_BODY - len(text))
    assert client.post("/v1/check", content=padded).status_code == 200


def form_data(tmp_path: Path) -> dict[str, Any]:
    """Yulin's B.2 filled by ``sheyin form`` from the region's example."""
    snapshot = tmp_path / "demo.toml"
    snapshot.write_bytes(next(p for p in DEMOS if "yulin" in str(p)).read_bytes())
    result = CliRunner().invoke(
        cli, ["form", "yulin", "B.2", "--snapshot", str(snapshot), "--outlet", "o-cz"]
    )
    assert result.exit_code == 0, result.output
    return json.loads(result.output)  # type: ignore[no-any-return]


def test_form_data_that_fits_is_valid(client: httpx.Client, tmp_path: Path) -> None:
    answer = client.post("/v1/forms/yulin/B.2/validate", json=form_data(tmp_path))
    assert answer.status_code == 200, answer.text
    conforms("form-validation", answer.json())
    assert answer.headers["sheyin-profile"] == "yulin"


def test_form_data_that_misfits_is_422_with_pointers(client: httpx.Client, tmp_path: Path) -> None:
    data = form_data(tmp_path)
    data["form"] = "B.1"
    body = is_problem(client.post("/v1/forms/yulin/B.2/validate", json=data), 422)
    assert [p["path"] for p in body["problems"]] == ["/form"]


def test_unknown_form_is_404(client: httpx.Client) -> None:
    body = is_problem(client.post("/v1/forms/yulin/Z.9/validate", json={}), 404)
    assert "Z.9" in body["problems"][0]["message"]


def test_form_of_unknown_profile_is_404(client: httpx.Client) -> None:
    body = is_problem(client.post("/v1/forms/atlantis/B.2/validate", json={}), 404)
    assert (body["problems"][0]["source"], body["problems"][0]["path"]) == ("path", "/profile")


def test_unknown_path_is_a_404_problem(client: httpx.Client) -> None:
    is_problem(client.get("/v2/profiles"), 404)


def test_wrong_method_is_a_405_problem(client: httpx.Client) -> None:
    is_problem(client.get("/v1/check"), 405)


def test_empty_as_of_is_422_not_today(client: httpx.Client) -> None:
    is_problem(client.get("/v1/profiles/yulin/catalogue", params={"as_of": ""}), 422)


def test_empty_profile_parameter_is_422_not_ignored(client: httpx.Client) -> None:
    body = is_problem(
        client.post("/v1/check", params={"profile": ""}, content=demo_json(DEMO)), 422
    )
    assert body["problems"][0]["path"] == "/profile"


def test_a_key_given_twice_in_the_body_is_422(client: httpx.Client) -> None:
    text = demo_json(DEMO).decode("utf-8")
    doubled = text[:-1] + ', "outlets": []}'
    body = is_problem(client.post("/v1/check", content=doubled.encode("utf-8")), 422)
    assert body["problems"][0]["source"] == "body"


def test_a_profile_in_the_body_that_is_not_a_string_is_422(client: httpx.Client) -> None:
    document = {**demo_document(DEMO), "profile": 5}
    body = is_problem(client.post("/v1/check", json=document), 422)
    assert (body["problems"][0]["source"], body["problems"][0]["path"]) == ("body", "/profile")
