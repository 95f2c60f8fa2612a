"""Chain the events written before the chain existed, oldest first, and set the chain head (docs/security.md)."""

from django.db import migrations

from dukao.audit import chain


def seal(apps, schema_editor):
    Event = apps.get_model("audit", "Event")
    ChainHead = apps.get_model("audit", "ChainHead")
    key, seq, prev = chain.audit_key(), 0, ""
    for event in Event.objects.order_by("created_at", "id").iterator(chunk_size=2000):
        seq += 1
        event.chain_seq = seq
        event.chain_hmac = prev = chain.link(key, prev, event)
        event.save(update_fields=["chain_seq", "chain_hmac"])
    ChainHead.objects.update_or_create(pk=1, defaults={"seq": seq, "hmac": prev})


def unseal(apps, schema_editor):
    apps.get_model("audit", "Event").objects.update(chain_seq=None, chain_hmac="")
    apps.get_model("audit", "ChainHead").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("audit", "0002_event_outcome_and_hash_chain")]

    operations = [migrations.RunPython(seal, unseal)]
