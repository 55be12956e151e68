"""The server's /openapi.json is generated from the contract: each model under its own name."""

import inspect
from pathlib import Path

import pytest
from pydantic import BaseModel

from reviewer.contract import case_input, cases, decisions, errors, meta, sync
from server.app import create_app


@pytest.fixture(scope="module")
def spec(tmp_path_factory) -> dict:
    return create_app(Path(tmp_path_factory.mktemp("api")) / "central.sqlite3").openapi()


def _models() -> dict[str, type[BaseModel]]:
    return {name: value
            for module in (case_input, cases, decisions, errors, meta, sync)
            for name, value in vars(module).items()
            if inspect.isclass(value) and issubclass(value, BaseModel)
            and value.__module__ == module.__name__}


def test_every_contract_model_is_a_schema_of_the_same_name(spec):
    # DecisionIn alone is inline: the decision endpoint reads the raw body for its hash.
    expected = set(_models()) - {"DecisionIn"} | {"Action"}
    assert expected <= set(spec["components"]["schemas"])


def test_the_decision_endpoint_documents_the_contracts_body(spec):
    body = spec["paths"]["/v1/decisions"]["post"]["requestBody"]["content"]["application/json"]
    assert body["schema"] == decisions.decision_in_schema()


def test_answers_are_strict_without_the_schema_saying_anything_new(spec):
    schemas = spec["components"]["schemas"]
    assert schemas["MediaRef"]["properties"]["width"] == {"title": "Width", "type": "integer"}
    assert schemas["Author"]["properties"]["high_profile"] == {"title": "High Profile",
                                                               "type": "boolean"}
