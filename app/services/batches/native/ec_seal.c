// Batch AES-256-GCM and HMAC-SHA256 through the OpenSSL that Node itself links (no cryptography of
// our own): the import seals millions of short values, and node:crypto spends ~5 µs per value on
// creating a cipher object; here one context keeps the key schedule and only the IV changes.
// The output is byte-for-byte what node:crypto gives (tests/services/batches/seal-core.test.ts).
#include <node_api.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>
#include <stdlib.h>
#include <stdint.h>
#include <string.h>

#define CHECK(call)                                          \
  do {                                                       \
    if ((call) != napi_ok) {                                 \
      napi_throw_error(env, NULL, "ec_seal: bad arguments"); \
      return NULL;                                           \
    }                                                        \
  } while (0)

// A typed array argument of the expected kind: its data and its length in elements.
static int get_array(napi_env env, napi_value v, napi_typedarray_type want, void** data, size_t* len) {
  napi_typedarray_type type;
  size_t offset;
  napi_value ab;
  return napi_get_typedarray_info(env, v, &type, len, data, &ab, &offset) == napi_ok && type == want;
}
#define get_bytes(env, v, data, len) get_array(env, v, napi_uint8_array, (void**)(data), len)
#define get_u32(env, v, data, len) get_array(env, v, napi_uint32_array, (void**)(data), len)

// hmacSha256(key: Uint8Array, data: Uint8Array, ends: Uint32Array(n), out: Uint8Array(32n)) → undefined
static napi_value hmac_sha256(napi_env env, napi_callback_info info) {
  size_t argc = 4;
  napi_value argv[4];
  CHECK(napi_get_cb_info(env, info, &argc, argv, NULL, NULL));
  uint8_t *key, *data, *out;
  uint32_t* ends;
  size_t key_len, data_len, n, out_len;
  if (argc != 4 || !get_bytes(env, argv[0], &key, &key_len) || !get_bytes(env, argv[1], &data, &data_len) ||
      !get_u32(env, argv[2], &ends, &n) || !get_bytes(env, argv[3], &out, &out_len) || out_len != 32 * n ||
      (n && ends[n - 1] != data_len) || key_len == 0) {
    napi_throw_error(env, NULL, "ec_seal.hmacSha256: bad arguments");
    return NULL;
  }
  HMAC_CTX* h = HMAC_CTX_new();
  int ok = h != NULL && HMAC_Init_ex(h, key, (int)key_len, EVP_sha256(), NULL) == 1;
  size_t start = 0;
  for (size_t i = 0; ok && i < n; i++) {
    size_t end = ends[i];
    unsigned int md_len = 0;
    ok = end >= start && HMAC_Init_ex(h, NULL, 0, NULL, NULL) == 1 && HMAC_Update(h, data + start, end - start) == 1 &&
         HMAC_Final(h, out + 32 * i, &md_len) == 1 && md_len == 32;
    start = end;
  }
  HMAC_CTX_free(h);
  if (!ok) {
    napi_throw_error(env, NULL, "ec_seal.hmacSha256: failed");
    return NULL;
  }
  return NULL;
}

static const char B64URL[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
static const char HEX[] = "0123456789abcdef";

// base64url without padding (what Buffer.toString("base64url") writes).
static size_t put_b64url(const uint8_t* in, size_t n, uint8_t* out) {
  size_t o = 0, i = 0;
  for (; i + 3 <= n; i += 3) {
    uint32_t v = (uint32_t)in[i] << 16 | (uint32_t)in[i + 1] << 8 | in[i + 2];
    out[o++] = B64URL[v >> 18 & 63];
    out[o++] = B64URL[v >> 12 & 63];
    out[o++] = B64URL[v >> 6 & 63];
    out[o++] = B64URL[v & 63];
  }
  if (n - i == 1) {
    uint32_t v = (uint32_t)in[i] << 16;
    out[o++] = B64URL[v >> 18 & 63];
    out[o++] = B64URL[v >> 12 & 63];
  } else if (n - i == 2) {
    uint32_t v = (uint32_t)in[i] << 16 | (uint32_t)in[i + 1] << 8;
    out[o++] = B64URL[v >> 18 & 63];
    out[o++] = B64URL[v >> 12 & 63];
    out[o++] = B64URL[v >> 6 & 63];
  }
  return o;
}

// sealCopy(key: Uint8Array(32), prefix: Uint8Array, pepper: Uint8Array,
//          heads: Uint8Array, headEnds: Uint32Array(n),
//          plain: Uint8Array, plainEnds: Uint32Array(n·V), aads: Uint8Array, aadEnds: Uint32Array(V),
//          hashData: Uint8Array, hashEnds: Uint32Array(n·H), out: Uint8Array, outStart: number) → number
// Writes n lines of COPY text into out from outStart and returns where they end (-1: out too small,
// nothing usable written). Line i is heads[i], then H columns "\t\\x<hex HMAC-SHA256(pepper, hash
// value)>", then V columns "\t<prefix><base64url(iv|ct|tag)>" (AES-256-GCM, a fresh random IV from
// OpenSSL's CSPRNG, the slot's field name as additional data) or "\t\N" for an empty value, then
// "\n". The prefix must be COPY-safe (checked by the caller: a key id and a dot).
static napi_value seal_copy(napi_env env, napi_callback_info info) {
  size_t argc = 13;
  napi_value argv[13];
  CHECK(napi_get_cb_info(env, info, &argc, argv, NULL, NULL));
  uint8_t *key, *prefix, *pepper, *heads, *plain, *aads, *hdata, *out;
  uint32_t *head_ends, *plain_ends, *aad_ends, *hash_ends;
  size_t key_len, prefix_len, pepper_len, heads_len, n, plain_len, nv, aads_len, v, hdata_len, nh, out_len;
  int64_t out_start;
  if (argc != 13 || !get_bytes(env, argv[0], &key, &key_len) || !get_bytes(env, argv[1], &prefix, &prefix_len) ||
      !get_bytes(env, argv[2], &pepper, &pepper_len) || !get_bytes(env, argv[3], &heads, &heads_len) ||
      !get_u32(env, argv[4], &head_ends, &n) || !get_bytes(env, argv[5], &plain, &plain_len) ||
      !get_u32(env, argv[6], &plain_ends, &nv) || !get_bytes(env, argv[7], &aads, &aads_len) ||
      !get_u32(env, argv[8], &aad_ends, &v) || !get_bytes(env, argv[9], &hdata, &hdata_len) ||
      !get_u32(env, argv[10], &hash_ends, &nh) || !get_bytes(env, argv[11], &out, &out_len) ||
      napi_get_value_int64(env, argv[12], &out_start) != napi_ok || key_len != 32 || pepper_len == 0 || n == 0 || v == 0 ||
      nv != n * v || nh % n != 0 || out_start < 0 || (size_t)out_start > out_len || head_ends[n - 1] != heads_len ||
      plain_ends[nv - 1] != plain_len || aad_ends[v - 1] != aads_len || (nh && hash_ends[nh - 1] != hdata_len)) {
    napi_throw_error(env, NULL, "ec_seal.sealCopy: bad arguments");
    return NULL;
  }
  size_t h = nh / n, longest = 0;
  for (size_t k = 0, start = 0; k < nv; k++) {
    if (plain_ends[k] < start) longest = SIZE_MAX;
    else if (plain_ends[k] - start > longest) longest = plain_ends[k] - start;
    start = plain_ends[k];
  }
  for (size_t k = 0, start = 0; k < n; k++) {
    if (head_ends[k] < start) longest = SIZE_MAX;
    start = head_ends[k];
  }
  for (size_t k = 0, start = 0; k < nh; k++) {
    if (hash_ends[k] < start) longest = SIZE_MAX;
    start = hash_ends[k];
  }
  for (size_t k = 0, start = 0; k < v; k++) {
    if (aad_ends[k] < start) longest = SIZE_MAX;
    start = aad_ends[k];
  }
  if (longest > (1u << 24)) {
    napi_throw_error(env, NULL, "ec_seal.sealCopy: bad arguments");
    return NULL;
  }
  uint8_t* sealed = malloc(longest + 28);
  // The IVs of the whole batch in one draw (a call per value cost ~1 µs each).
  uint8_t* ivs = malloc(12 * nv);
  EVP_CIPHER_CTX* ctx = EVP_CIPHER_CTX_new();
  HMAC_CTX* mac = HMAC_CTX_new();
  int ok = sealed != NULL && ivs != NULL && RAND_bytes(ivs, (int)(12 * nv)) == 1 && ctx != NULL && mac != NULL && EVP_EncryptInit_ex(ctx, EVP_aes_256_gcm(), NULL, key, NULL) == 1 &&
           HMAC_Init_ex(mac, pepper, (int)pepper_len, EVP_sha256(), NULL) == 1;
  int room = 1;
  size_t pos = (size_t)out_start, head_start = 0, plain_start = 0, hash_start = 0;
#define ROOM(k) (room = room && out_len - pos >= (size_t)(k))
  for (size_t i = 0; ok && room && i < n; i++) {
    size_t head_len = head_ends[i] - head_start;
    if (!ROOM(head_len)) break;
    memcpy(out + pos, heads + head_start, head_len);
    pos += head_len;
    head_start = head_ends[i];
    for (size_t j = 0; ok && j < h; j++) {
      size_t end = hash_ends[i * h + j];
      uint8_t md[32];
      unsigned int md_len = 0;
      ok = HMAC_Init_ex(mac, NULL, 0, NULL, NULL) == 1 && HMAC_Update(mac, hdata + hash_start, end - hash_start) == 1 &&
           HMAC_Final(mac, md, &md_len) == 1 && md_len == 32;
      hash_start = end;
      if (!ok || !ROOM(4 + 64)) break;
      memcpy(out + pos, "\t\\\\x", 4);
      pos += 4;
      for (int b = 0; b < 32; b++) {
        out[pos++] = HEX[md[b] >> 4];
        out[pos++] = HEX[md[b] & 15];
      }
    }
    for (size_t j = 0; ok && room && j < v; j++) {
      size_t end = plain_ends[i * v + j], len = end - plain_start;
      if (len == 0) {
        if (!ROOM(3)) break;
        memcpy(out + pos, "\t\\N", 3);
        pos += 3;
        continue;
      }
      size_t aad_start = j ? aad_ends[j - 1] : 0;
      int n1 = 0, n2 = 0;
      memcpy(sealed, ivs + 12 * (i * v + j), 12);
      ok = EVP_EncryptInit_ex(ctx, NULL, NULL, NULL, sealed) == 1 &&
           (aad_ends[j] == aad_start || EVP_EncryptUpdate(ctx, NULL, &n1, aads + aad_start, (int)(aad_ends[j] - aad_start)) == 1) &&
           EVP_EncryptUpdate(ctx, sealed + 12, &n1, plain + plain_start, (int)len) == 1 &&
           EVP_EncryptFinal_ex(ctx, sealed + 12 + n1, &n2) == 1 && (size_t)(n1 + n2) == len &&
           EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_GCM_GET_TAG, 16, sealed + 12 + len) == 1;
      plain_start = end;
      if (!ok || !ROOM(1 + prefix_len + ((len + 28) * 4 + 2) / 3)) break;
      out[pos++] = '\t';
      memcpy(out + pos, prefix, prefix_len);
      pos += prefix_len;
      pos += put_b64url(sealed, len + 28, out + pos);
    }
    if (!ok || !ROOM(1)) break;
    out[pos++] = '\n';
  }
#undef ROOM
  if (sealed) OPENSSL_cleanse(sealed, longest + 28);
  free(sealed);
  free(ivs);
  EVP_CIPHER_CTX_free(ctx);
  HMAC_CTX_free(mac);
  if (!ok) {
    OPENSSL_cleanse(out + out_start, pos - (size_t)out_start);
    napi_throw_error(env, NULL, "ec_seal.sealCopy: sealing failed");
    return NULL;
  }
  napi_value result;
  CHECK(napi_create_int64(env, room ? (int64_t)pos : -1, &result));
  return result;
}

NAPI_MODULE_INIT() {
  napi_value fn;
  if (napi_create_function(env, "hmacSha256", NAPI_AUTO_LENGTH, hmac_sha256, NULL, &fn) != napi_ok) return NULL;
  if (napi_set_named_property(env, exports, "hmacSha256", fn) != napi_ok) return NULL;
  if (napi_create_function(env, "sealCopy", NAPI_AUTO_LENGTH, seal_copy, NULL, &fn) != napi_ok) return NULL;
  if (napi_set_named_property(env, exports, "sealCopy", fn) != napi_ok) return NULL;
  return exports;
}
