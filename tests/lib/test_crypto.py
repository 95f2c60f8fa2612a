"""The crypto interface: standard test vectors (GB/T 32905-2016, GB/T 32907-2016, RFC 8998), round trips, the
backend named by a setting, configured keys, and the encrypted model field."""

import base64

import pytest
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
from django.db import models

from dukao.lib import crypto
from dukao.lib.fields import EncryptedTextField

KEY = bytes.fromhex("0123456789abcdeffedcba9876543210")


def test_sm3_matches_gb_t_32905_appendix_a():
    assert crypto.sm3(b"abc").hex() == "66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0"
    assert crypto.sm3(b"abcd" * 16).hex() == "debe9ff92275b8a138604889c18e5a4d6fdb70e5387e5765293dcba39c0c5732"


def test_the_sm4_the_backend_uses_matches_gb_t_32907_appendix_a():
    encryptor = Cipher(algorithms.SM4(KEY), modes.ECB()).encryptor()
    assert (encryptor.update(KEY) + encryptor.finalize()).hex() == "681edf34d206965e86b3e94f536e4246"


def test_sm4_gcm_matches_rfc_8998_appendix_a_1():
    nonce = bytes.fromhex("00001234567800000000ABCD")
    aad = bytes.fromhex("FEEDFACEDEADBEEFFEEDFACEDEADBEEFABADDAD2")
    plaintext = bytes.fromhex("".join(c * 16 for c in "ABCDEFEA"))
    ciphertext = (
        "17F399F08C67D5EE19D0DC9969C4BB7D5FD46FD3756489069157B282BB200735"
        "D82710CA5C22F0CCFA7CBF93D496AC15A56834CBCF98C397B4024A2691233B8D"
    )
    tag = "83DE3541E4C2B58177E065A9BF7B62EC"
    sealed = crypto.backend().sm4_gcm_seal(KEY, nonce, plaintext, aad)
    assert sealed.hex().upper() == ciphertext + tag
    assert crypto.sm4_gcm_decrypt(KEY, nonce + sealed, aad) == plaintext


def test_hmac_sm3_is_rfc_2104_over_sm3():
    key, data = b"k" * 20, b"dukao"
    inner = crypto.sm3(bytes(b ^ 0x36 for b in key.ljust(64, b"\0")) + data)
    assert crypto.hmac_sm3(key, data) == crypto.sm3(bytes(b ^ 0x5C for b in key.ljust(64, b"\0")) + inner)


def test_encryption_uses_a_fresh_nonce_and_refuses_altered_data_or_other_aad():
    first, second = (crypto.sm4_gcm_encrypt(KEY, "张三".encode(), b"a") for _ in range(2))
    assert first != second and crypto.sm4_gcm_decrypt(KEY, second, b"a").decode() == "张三"
    altered = first[:-1] + bytes([first[-1] ^ 1])
    for blob, aad in ((altered, b"a"), (first, b"b"), (first[:20], b"a")):
        with pytest.raises(crypto.DecryptionError):
            crypto.sm4_gcm_decrypt(KEY, blob, aad)
    with pytest.raises(ValueError):
        crypto.sm4_gcm_encrypt(b"short", b"x")


class CountingBackend(crypto.SoftwareBackend):
    """Stands for a crypto device: the software backend, counting calls."""

    calls = 0

    def hmac_sm3(self, key: bytes, data: bytes) -> bytes:
        CountingBackend.calls += 1
        return super().hmac_sm3(key, data)


def test_the_backend_setting_replaces_the_implementation(settings):
    settings.DUKAO_CRYPTO_BACKEND = "tests.lib.test_crypto.CountingBackend"
    crypto.hmac_sm3(b"k", b"d")
    assert CountingBackend.calls == 1


def test_a_configured_key_is_hex_of_its_length_and_a_missing_one_is_derived_from_the_secret_key(settings):
    settings.DUKAO_FIELD_KEY = KEY.hex()
    assert crypto.configured_key("DUKAO_FIELD_KEY", 16) == KEY
    settings.DUKAO_FIELD_KEY = "abcd"
    with pytest.raises(ValueError, match="16 字节"):
        crypto.configured_key("DUKAO_FIELD_KEY", 16)
    settings.DUKAO_FIELD_KEY = ""
    derived = crypto.configured_key("DUKAO_FIELD_KEY", 16)
    settings.SECRET_KEY = "another"
    assert len(derived) == 16 and crypto.configured_key("DUKAO_FIELD_KEY", 16) != derived


class Contact(models.Model):
    """A test-only model with a personal field (no table: the field is tested through its conversions)."""

    phone = EncryptedTextField()
    note = EncryptedTextField()

    class Meta:
        app_label = "tests"

    def __str__(self) -> str:
        return self.phone


def test_an_encrypted_field_stores_base64_ciphertext_and_reads_back_the_text(settings):
    settings.DUKAO_FIELD_KEY = KEY.hex()
    phone, note = Contact._meta.get_field("phone"), Contact._meta.get_field("note")
    stored = phone.get_prep_value("13800138000")
    assert "138" not in stored and len(base64.b64decode(stored)) == 12 + 11 + 16
    assert phone.from_db_value(stored, None, None) == "13800138000"
    assert phone.get_prep_value("") == "" and phone.from_db_value(None, None, None) is None
    with pytest.raises(crypto.DecryptionError):
        note.from_db_value(stored, None, None)  # copied into another column
    settings.DUKAO_FIELD_KEY = "f" * 32
    with pytest.raises(crypto.DecryptionError):
        phone.from_db_value(stored, None, None)  # another key
