"""Password rules: GB/T 22239-2019 8.1.4.1 a (复杂度, 定期更换); ASVS V2.1.1, V2.1.7."""

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError

from dukao.accounts.passwords import character_classes
from dukao.accounts.services import password_change

pytestmark = pytest.mark.django_db


def refusal(password: str, user=None) -> list[str]:
    try:
        validate_password(password, user)
    except ValidationError as error:
        return error.messages
    return []


def test_a_long_password_of_three_classes_is_accepted(lead_reporter):
    assert refusal("Lantern-bridge7", lead_reporter) == []


@pytest.mark.parametrize(
    ("password", "message"),
    [
        ("Lb7-xq", "至少要包含 8 个字符"),  # Django's own rule, translated
        ("lanternbridge7", "至少 3 类"),
        ("LANTERN-BRIDGE", "至少 3 类"),
        ("P@ssw0rd", "太常见"),
        ("Shangcheng#2024", "“shangcheng”"),
        ("上城Abc12345", "“上城”"),
        ("区统计局Ab-2024", "“区统计局”"),
        ("Myfgj#2024x", "“fgj”"),  # the username
    ],
)
def test_weak_and_context_passwords_are_refused_in_chinese(lead_reporter, password, message):
    assert any(message in m for m in refusal(password, lead_reporter)), refusal(password, lead_reporter)


def test_character_classes_count_chinese_and_punctuation_as_symbols():
    assert [character_classes(p) for p in ("abc", "aB", "aB1", "aB1-", "aB1上")] == [1, 2, 3, 4, 4]


def test_the_rule_on_classes_can_be_switched_off(settings, lead_reporter):
    settings.AUTH_PASSWORD_VALIDATORS = [
        {"NAME": "dukao.accounts.passwords.CharacterClassValidator", "OPTIONS": {"min_classes": 0}}
    ]
    assert refusal("lanternbridgeriver", lead_reporter) == []


def test_the_last_five_passwords_cannot_be_reused(lead_reporter):
    passwords = [f"Lantern-bridge{i}" for i in range(1, 6)]
    assert "最近 5 次" in refusal("Test-pass-2019", lead_reporter)[0]  # the current one
    for password in passwords:
        assert refusal(password, lead_reporter) == []
        password_change(user=lead_reporter, password=password)
    assert refusal(passwords[0], lead_reporter) and refusal(passwords[-1], lead_reporter)
    assert refusal("Test-pass-2019", lead_reporter) == []  # six passwords ago
    assert lead_reporter.password_history.count() == 5
    assert all(h.password.startswith("md5$") for h in lead_reporter.password_history.all())  # hashes only
