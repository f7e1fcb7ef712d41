"""Preflight gives one clear error; make_drafter and make_judge read RECAP_LLM and the OPENAI_ variables."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from drafting_support import closed_port_url
from loopback_openai import LoopbackOpenAI

from state.errors import DrafterUnavailable, InputInvalid
from tools.drafting.factory import make_drafter, make_judge
from tools.drafting.judge import LlmJudge
from tools.drafting.llm import LlmDrafter
from tools.settings import Settings


@pytest.fixture
def keyed() -> Iterator[LoopbackOpenAI]:
    """Start a loopback server that accepts only the key `right-key`."""
    srv = LoopbackOpenAI(api_key="right-key").start()
    yield srv
    srv.stop()


def test_preflight_passes_with_the_right_key(keyed):
    LlmDrafter("m", base_url=keyed.url, api_key="right-key").preflight()
    assert [r.path for r in keyed.requests] == ["/v1/models"]


def test_preflight_names_a_rejected_key(keyed):
    with pytest.raises(DrafterUnavailable) as caught:
        LlmDrafter("m", base_url=keyed.url, api_key="wrong-key").preflight()
    assert str(caught.value) == f"the model server at {keyed.url} rejected the API key"
    assert "wrong-key" not in str(caught.value)


def test_preflight_names_an_unreachable_server():
    url = closed_port_url()
    with pytest.raises(DrafterUnavailable) as caught:
        LlmDrafter("m", base_url=url, api_key="k").preflight()
    assert str(caught.value) == f"cannot reach the model server at {url}"


def test_preflight_refuses_the_hosted_api_without_a_key():
    with pytest.raises(DrafterUnavailable, match="OPENAI_API_KEY is not set"):
        LlmDrafter("gpt-4o-mini", api_key=None).preflight()


def test_offline_or_unset_gives_the_offline_drafter():
    assert make_drafter(Settings(llm="offline"), env={}).name == "offline"


def test_openai_model_uses_the_base_url_and_a_dummy_key_for_local_servers():
    drafter = make_drafter(
        Settings(llm="openai:smollm2", llm_timeout=7, section_token_budget=900),
        env={"OPENAI_BASE_URL": "http://127.0.0.1:8080/v1/"},
    )
    assert isinstance(drafter, LlmDrafter)
    assert (drafter.model, drafter.client.timeout) == ("smollm2", 7)
    assert drafter.client.base_url == "http://127.0.0.1:8080/v1"
    assert drafter.client.api_key and drafter.budget_tokens == 900
    assert drafter.client.method == "function_calling" and drafter.prompt_version == "llm-2"


def test_the_hosted_api_gets_no_invented_key():
    drafter = make_drafter(Settings(llm="openai:gpt-4o-mini"), env={})
    assert drafter.client.base_url == "https://api.openai.com/v1" and drafter.client.api_key is None


@pytest.mark.parametrize("spec", ["anthropic:claude", "openai:", "gpt-4o", "ollama"])
def test_other_llm_values_are_refused(spec):
    with pytest.raises(InputInvalid, match="RECAP_LLM"):
        make_drafter(Settings(llm=spec), env={})


def test_an_unknown_structured_output_method_is_refused():
    with pytest.raises(InputInvalid, match="RECAP_LLM_METHOD"):
        make_drafter(Settings(llm="openai:m", llm_method="xml"), env={})


def test_the_judge_exists_only_when_enabled_with_a_model():
    env = {"OPENAI_BASE_URL": "http://127.0.0.1:8080/v1"}
    assert make_judge(Settings(llm="openai:m", llm_judge=False), env) is None
    assert make_judge(Settings(llm="offline", llm_judge=True), env) is None
    assert isinstance(make_judge(Settings(llm="openai:m", llm_judge=True), env), LlmJudge)


def test_the_chat_client_never_retries_on_its_own():
    chat = LlmDrafter("m", base_url="http://127.0.0.1:8080/v1", api_key="k", timeout=3).client.chat()
    assert chat.max_retries == 0 and chat.request_timeout == 3
