-- OpenSSL's libcrypto through FFI, for the HMACs the edge computes: nginx is linked with it, so its
-- symbols are already loaded there; plain LuaJIT (the specs) loads the library itself.
local ffi = require "ffi"

local pcall = pcall

-- Declared once for every user; pcall: a module loaded again must not fail on a second declaration.
-- sluice_SHA_CTX is OpenSSL's SHA_CTX (openssl/sha.h: 96 bytes), copied whole to resume a hash.
pcall(ffi.cdef, [[
    typedef struct evp_md_st EVP_MD;
    const EVP_MD *EVP_sha256(void);
    unsigned char *HMAC(const EVP_MD *evp_md, const void *key, int key_len, const unsigned char *d,
                        size_t n, unsigned char *md, unsigned int *md_len);
    typedef struct {
        unsigned int h0, h1, h2, h3, h4;
        unsigned int Nl, Nh;
        unsigned int data[16];
        unsigned int num;
    } sluice_SHA_CTX;
    int SHA1_Init(sluice_SHA_CTX *c);
    int SHA1_Update(sluice_SHA_CTX *c, const void *data, size_t len);
    int SHA1_Final(unsigned char *md, sluice_SHA_CTX *c);
]])

if pcall(function() return ffi.C.HMAC end) then
    return ffi.C
end
return ffi.load("libcrypto.so.3")
