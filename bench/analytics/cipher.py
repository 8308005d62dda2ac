"""Valid field ciphertexts for the bench rows, made the way the host's FieldEncryption makes them.

The host stores an encrypted field as v1.{dataKeyId}.{base64(nonce | tag | ciphertext)}, AES-256-GCM with the
field's purpose ("Entity.Property") as associated data, of the value's JSON. The data key is wrapped in
security.data_keys by the master key, which a Development host with Encryption:AllowDevelopmentKeys keeps in
{Storage:DataDirectory}/development-keys.json. One ciphertext per field is reused for every generated row: the
rows are readable by the host (nothing fails to decrypt if a query materialises them), they just all say the same.

usage: python3 cipher.py STORAGE_DIR "WRAPPED_KEY_ID|BASE64_WRAPPED_KEY"   -> prints psql \\set lines
"""
import base64
import json
import os
import sys

from cryptography.hazmat.primitives.ciphers.aead import AESGCM

storage, row = sys.argv[1], sys.argv[2]
dev = json.load(open(os.path.join(storage, "development-keys.json")))
key_id, wrapped_b64 = row.split("|", 1)
wrapped = base64.b64decode(wrapped_b64)
# Wrap layout: nonce(12) | tag(16) | ciphertext; associated data = the data key's id.
data_key = AESGCM(base64.b64decode(dev["MasterKey"])).decrypt(wrapped[:12], wrapped[28:] + wrapped[12:28], key_id.encode())


def encrypt(value, purpose):
    nonce = os.urandom(12)
    sealed = AESGCM(data_key).encrypt(nonce, json.dumps(value).encode(), purpose.encode())  # ciphertext | tag
    body, tag = sealed[:-16], sealed[-16:]
    return "v1.%s.%s" % (key_id, base64.b64encode(nonce + tag + body).decode())


fields = {
    "complaint_json": ("", "Consultation.ComplaintJson"),
    "complaint_summary": ("", "Consultation.ComplaintSummary"),
    "review_text": ("Clear explanations, the call started on time.", "Review.Text"),
}
for name, (value, purpose) in fields.items():
    print("\\set %s '%s'" % (name, encrypt(value, purpose)))
