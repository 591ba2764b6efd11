// What a TLS client needs of libssl: a context that verifies, a session on a
// socket, its errors. The macros Swift cannot call are wrapped below.
#include <openssl/ssl.h>
#include <openssl/err.h>
#include <openssl/x509_vfy.h>

/// Server Name Indication: SSL_set_tlsext_host_name is a macro over SSL_ctrl.
static inline long ctls_set_server_name(SSL *ssl, const char *name) {
    return SSL_set_tlsext_host_name(ssl, name);
}

/// TLS 1.2 at least: SSL_CTX_set_min_proto_version is a macro too.
static inline long ctls_require_tls12(SSL_CTX *context) {
    return SSL_CTX_set_min_proto_version(context, TLS1_2_VERSION);
}
