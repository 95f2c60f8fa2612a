"""Model fields that keep personal data encrypted at rest (GB/T 22239-2019 8.1.4.8 数据保密性; GB/T 39786-2021
8.5: 重要数据存储的机密性 with SM4)."""

import base64

from django.db import models

from dukao.lib.crypto import configured_key, sm4_gcm_decrypt, sm4_gcm_encrypt


def field_key() -> bytes:
    """The SM4 key of encrypted fields: ``DUKAO_FIELD_KEY`` (16 bytes, hex)."""
    return configured_key("DUKAO_FIELD_KEY", 16)


class EncryptedTextField(models.TextField):
    """Text stored as base64 of SM4-GCM nonce + ciphertext + tag, the column (``app_label.model.field``) bound in
    as associated data, so a value copied into another column or row of another field does not decrypt. Reading
    a value altered in the database raises ``crypto.DecryptionError``. The column cannot be searched or sorted;
    empty strings and None are stored as they are."""

    def _aad(self) -> bytes:
        return f"{self.model._meta.label_lower}.{self.name}".encode()

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        if not value:
            return value
        return base64.b64encode(sm4_gcm_encrypt(field_key(), value.encode(), self._aad())).decode("ascii")

    def from_db_value(self, value, expression, connection):
        if not value:
            return value
        return sm4_gcm_decrypt(field_key(), base64.b64decode(value), self._aad()).decode()
