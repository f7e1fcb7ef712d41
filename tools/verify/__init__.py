"""The deterministic claim verifier: a claim is supported only if its cited records back every part of it."""

from tools.verify.verifier import VERIFIER_FLAGS, verify_claim, verify_recap

__all__ = ["VERIFIER_FLAGS", "verify_claim", "verify_recap"]
