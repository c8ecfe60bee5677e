// Batch AES-256-GCM and HMAC-SHA256 through the OpenSSL that Node itself links (no cryptography of
// our own): the import seals millions of short values, and node:crypto spends ~5 µs per value on
// creating a cipher object; here one context keeps the key schedule and only the IV changes.
// The output is byte-for-byte what node:crypto gives (tests/services/batches/seal-core.test.ts).
#include <node_api.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
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

// gcmSeal(key: Uint8Array(32), plain: Uint8Array, ends: Uint32Array(n), aads: Uint8Array,
//         aadEnds: Uint32Array(n), ivs: Uint8Array(12n), out: Uint8Array(plain.length + 28n)) → undefined
// Value i is plain[ends[i-1]..ends[i]) with additional data aads[aadEnds[i-1]..aadEnds[i]); it is
// written to out as iv(12) | ciphertext | tag(16), one after another.
static napi_value gcm_seal(napi_env env, napi_callback_info info) {
  size_t argc = 7;
  napi_value argv[7];
  CHECK(napi_get_cb_info(env, info, &argc, argv, NULL, NULL));
  uint8_t *key, *plain, *aads, *ivs, *out;
  uint32_t *ends, *aad_ends;
  size_t key_len, plain_len, aads_len, ivs_len, out_len, n, n2;
  if (argc != 7 || !get_bytes(env, argv[0], &key, &key_len) || !get_bytes(env, argv[1], &plain, &plain_len) ||
      !get_u32(env, argv[2], &ends, &n) || !get_bytes(env, argv[3], &aads, &aads_len) || !get_u32(env, argv[4], &aad_ends, &n2) ||
      !get_bytes(env, argv[5], &ivs, &ivs_len) || !get_bytes(env, argv[6], &out, &out_len) || key_len != 32 || n2 != n ||
      ivs_len != 12 * n || out_len != plain_len + 28 * n || (n && (ends[n - 1] != plain_len || aad_ends[n - 1] > aads_len))) {
    napi_throw_error(env, NULL, "ec_seal.gcmSeal: bad arguments");
    return NULL;
  }
  EVP_CIPHER_CTX* ctx = EVP_CIPHER_CTX_new();
  int ok = ctx != NULL && EVP_EncryptInit_ex(ctx, EVP_aes_256_gcm(), NULL, key, NULL) == 1;
  size_t start = 0, aad_start = 0, pos = 0;
  for (size_t i = 0; ok && i < n; i++) {
    size_t end = ends[i], aad_end = aad_ends[i];
    if (end < start || aad_end < aad_start) {
      ok = 0;
      break;
    }
    int len = 0, fin = 0;
    const uint8_t* iv = ivs + 12 * i;
    memcpy(out + pos, iv, 12);
    ok = EVP_EncryptInit_ex(ctx, NULL, NULL, NULL, iv) == 1 &&
         (aad_end == aad_start || EVP_EncryptUpdate(ctx, NULL, &len, aads + aad_start, (int)(aad_end - aad_start)) == 1) &&
         EVP_EncryptUpdate(ctx, out + pos + 12, &len, plain + start, (int)(end - start)) == 1 &&
         EVP_EncryptFinal_ex(ctx, out + pos + 12 + len, &fin) == 1 &&
         (size_t)(len + fin) == end - start &&
         EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_GCM_GET_TAG, 16, out + pos + 12 + (end - start)) == 1;
    pos += 28 + (end - start);
    start = end;
    aad_start = aad_end;
  }
  EVP_CIPHER_CTX_free(ctx);
  if (!ok) {
    OPENSSL_cleanse(out, out_len);
    napi_throw_error(env, NULL, "ec_seal.gcmSeal: encryption failed");
    return NULL;
  }
  return NULL;
}

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

NAPI_MODULE_INIT() {
  napi_value fn;
  if (napi_create_function(env, "gcmSeal", NAPI_AUTO_LENGTH, gcm_seal, NULL, &fn) != napi_ok) return NULL;
  if (napi_set_named_property(env, exports, "gcmSeal", fn) != napi_ok) return NULL;
  if (napi_create_function(env, "hmacSha256", NAPI_AUTO_LENGTH, hmac_sha256, NULL, &fn) != napi_ok) return NULL;
  if (napi_set_named_property(env, exports, "hmacSha256", fn) != napi_ok) return NULL;
  return exports;
}
