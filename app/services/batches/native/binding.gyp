{
  "targets": [
    {
      "target_name": "ec_seal",
      "sources": ["ec_seal.c"],
      "cflags": ["-O2", "-Wall"],
      "defines": ["NAPI_VERSION=8", "OPENSSL_API_COMPAT=0x10100000L", "OPENSSL_SUPPRESS_DEPRECATED"]
    }
  ]
}
