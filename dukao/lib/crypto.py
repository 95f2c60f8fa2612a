"""The commercial cryptography (商用密码) dukao uses, behind one interface (GB/T 39786-2021).

Callers use the module functions ``sm3``, ``hmac_sm3``, ``sm4_gcm_encrypt`` and ``sm4_gcm_decrypt``; they
delegate to the backend class named by the setting ``DUKAO_CRYPTO_BACKEND``, so a certified crypto device
(密码机) replaces the software implementation by naming a class with the same four methods.

Algorithms: SM3 (GB/T 32905-2016), HMAC-SM3 (HMAC of GB/T 15852.2-2012 / RFC 2104 over SM3), SM4
(GB/T 32907-2016) in GCM mode (GB/T 17964-2021 §11, as RFC 8998 uses it): a 12-byte random nonce and a 16-byte
tag. The software backend is the ``cryptography`` package (OpenSSL), which implements SM4 in GCM mode itself.
"""

import os
from functools import cache
from typing import Protocol

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives import hmac as crypto_hmac
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
from django.conf import settings
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _

SM4_KEY_BYTES = 16
GCM_NONCE_BYTES = 12
GCM_TAG_BYTES = 16


class DecryptionError(ValueError):
    """A ciphertext was altered, truncated, bound to other associated data, or encrypted under another key."""


class CryptoBackend(Protocol):
    """What a crypto backend provides. ``sm4_gcm_seal`` returns ciphertext followed by the 16-byte tag;
    ``sm4_gcm_open`` takes the same and raises ``DecryptionError`` when the tag does not verify."""

    def sm3(self, data: bytes) -> bytes: ...

    def hmac_sm3(self, key: bytes, data: bytes) -> bytes: ...

    def sm4_gcm_seal(self, key: bytes, nonce: bytes, plaintext: bytes, aad: bytes) -> bytes: ...

    def sm4_gcm_open(self, key: bytes, nonce: bytes, sealed: bytes, aad: bytes) -> bytes: ...


class SoftwareBackend:
    """SM3, HMAC-SM3 and SM4-GCM from the ``cryptography`` package (OpenSSL)."""

    def sm3(self, data: bytes) -> bytes:
        digest = hashes.Hash(hashes.SM3())
        digest.update(data)
        return digest.finalize()

    def hmac_sm3(self, key: bytes, data: bytes) -> bytes:
        mac = crypto_hmac.HMAC(key, hashes.SM3())
        mac.update(data)
        return mac.finalize()

    def sm4_gcm_seal(self, key: bytes, nonce: bytes, plaintext: bytes, aad: bytes) -> bytes:
        encryptor = Cipher(algorithms.SM4(key), modes.GCM(nonce)).encryptor()
        encryptor.authenticate_additional_data(aad)
        return encryptor.update(plaintext) + encryptor.finalize() + encryptor.tag

    def sm4_gcm_open(self, key: bytes, nonce: bytes, sealed: bytes, aad: bytes) -> bytes:
        ciphertext, tag = sealed[:-GCM_TAG_BYTES], sealed[-GCM_TAG_BYTES:]
        decryptor = Cipher(algorithms.SM4(key), modes.GCM(nonce, tag)).decryptor()
        decryptor.authenticate_additional_data(aad)
        try:
            return decryptor.update(ciphertext) + decryptor.finalize()
        except InvalidTag as exc:
            raise DecryptionError(_("密文校验失败：数据被篡改或密钥不符。")) from exc


@cache
def _backend_for(path: str) -> CryptoBackend:
    return import_string(path)()


def backend() -> CryptoBackend:
    """The backend ``settings.DUKAO_CRYPTO_BACKEND`` names (one instance per class path)."""
    return _backend_for(settings.DUKAO_CRYPTO_BACKEND)


def sm3(data: bytes) -> bytes:
    """The 32-byte SM3 digest of ``data`` (GB/T 32905-2016)."""
    return backend().sm3(data)


def hmac_sm3(key: bytes, data: bytes) -> bytes:
    """The 32-byte HMAC-SM3 of ``data`` under ``key`` (GB/T 15852.2-2012, RFC 2104 with SM3)."""
    return backend().hmac_sm3(key, data)


def sm4_gcm_encrypt(key: bytes, plaintext: bytes, aad: bytes = b"") -> bytes:
    """Encrypt ``plaintext`` with SM4-GCM under the 16-byte ``key``, authenticating ``aad`` too.

    Returns nonce (12 random bytes) + ciphertext + tag (16 bytes). Raises ``ValueError`` for a key that is
    not 16 bytes."""
    if len(key) != SM4_KEY_BYTES:
        raise ValueError(_("SM4 密钥必须为 16 字节。"))
    nonce = os.urandom(GCM_NONCE_BYTES)
    return nonce + backend().sm4_gcm_seal(key, nonce, plaintext, aad)


def sm4_gcm_decrypt(key: bytes, blob: bytes, aad: bytes = b"") -> bytes:
    """The plaintext of ``blob`` (as ``sm4_gcm_encrypt`` returns it) under ``key`` and the same ``aad``.

    Raises ``DecryptionError`` when the blob is too short, altered, or was made with another key or aad."""
    if len(blob) < GCM_NONCE_BYTES + GCM_TAG_BYTES:
        raise DecryptionError(_("密文长度不足。"))
    return backend().sm4_gcm_open(key, blob[:GCM_NONCE_BYTES], blob[GCM_NONCE_BYTES:], aad)


def configured_key(setting: str, length: int) -> bytes:
    """The key ``settings.<setting>`` holds (``length`` bytes written as hex, from the environment, so that it
    lives outside the database), or where it is empty a development key derived from ``SECRET_KEY``
    (HMAC-SM3 over the setting's name; the deploy check ``dukao.W001`` warns of it).

    Raises ``ValueError`` when the setting is not ``length`` bytes of hex."""
    value = getattr(settings, setting)
    if not value:
        return hmac_sm3(settings.SECRET_KEY.encode(), setting.encode())[:length]
    try:
        key = bytes.fromhex(value)
    except ValueError:
        key = b""
    if len(key) != length:
        raise ValueError(
            _("%(setting)s 必须是 %(length)s 字节的十六进制串（%(digits)s 个十六进制数字）。")
            % {"setting": setting, "length": length, "digits": (length * 2)}
        )
    return key
