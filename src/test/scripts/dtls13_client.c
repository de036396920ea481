/* A DTLS 1.3 client that writes the TLS 1.3 traffic secrets in NSS key log format (for TLS Lens's
 * test captures): dtls13_client HOST PORT KEYLOG MESSAGE [CIPHER] [update] */
#include <wolfssl/options.h>
#include <wolfssl/ssl.h>
#include <arpa/inet.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

static FILE *keylog;

static void hex(const unsigned char *b, int n) { for (int i = 0; i < n; i++) fprintf(keylog, "%02x", b[i]); }

static int secret_cb(WOLFSSL *ssl, int id, const unsigned char *secret, int sz, void *ctx) {
    const char *label = id == CLIENT_EARLY_TRAFFIC_SECRET ? "CLIENT_EARLY_TRAFFIC_SECRET"
        : id == CLIENT_HANDSHAKE_TRAFFIC_SECRET ? "CLIENT_HANDSHAKE_TRAFFIC_SECRET"
        : id == SERVER_HANDSHAKE_TRAFFIC_SECRET ? "SERVER_HANDSHAKE_TRAFFIC_SECRET"
        : id == CLIENT_TRAFFIC_SECRET ? "CLIENT_TRAFFIC_SECRET_0"
        : id == SERVER_TRAFFIC_SECRET ? "SERVER_TRAFFIC_SECRET_0"
        : id == EXPORTER_SECRET ? "EXPORTER_SECRET" : NULL;
    unsigned char cr[32];
    (void)ctx;
    if (label == NULL || wolfSSL_get_client_random(ssl, cr, sizeof cr) != sizeof cr) return 0;
    fprintf(keylog, "%s ", label);
    hex(cr, 32);
    fputc(' ', keylog);
    hex(secret, sz);
    fputc('\n', keylog);
    fflush(keylog);
    return 0;
}

int main(int argc, char **argv) {
    if (argc < 5) { fprintf(stderr, "usage: %s HOST PORT KEYLOG MESSAGE [CIPHER] [update]\n", argv[0]); return 2; }
    keylog = fopen(argv[3], "a");
    if (keylog == NULL) { perror(argv[3]); return 1; }
    wolfSSL_Init();
    WOLFSSL_CTX *ctx = wolfSSL_CTX_new(wolfDTLSv1_3_client_method());
    wolfSSL_CTX_set_verify(ctx, WOLFSSL_VERIFY_NONE, NULL);
    if (argc > 5 && strlen(argv[5]) > 0 && wolfSSL_CTX_set_cipher_list(ctx, argv[5]) != WOLFSSL_SUCCESS) {
        fprintf(stderr, "cipher %s refused\n", argv[5]);
        return 1;
    }
    struct sockaddr_in peer = {0};
    peer.sin_family = AF_INET;
    peer.sin_port = htons(atoi(argv[2]));
    inet_pton(AF_INET, argv[1], &peer.sin_addr);
    int fd = socket(AF_INET, SOCK_DGRAM, 0);
    WOLFSSL *ssl = wolfSSL_new(ctx);
    wolfSSL_dtls_set_peer(ssl, &peer, sizeof peer);
    wolfSSL_set_fd(ssl, fd);
    wolfSSL_set_tls13_secret_cb(ssl, secret_cb, NULL);
    if (wolfSSL_connect(ssl) != WOLFSSL_SUCCESS) {
        char err[80];
        fprintf(stderr, "handshake failed: %s\n", wolfSSL_ERR_error_string(wolfSSL_get_error(ssl, 0), err));
        return 1;
    }
    printf("version %s cipher %s\n", wolfSSL_get_version(ssl), wolfSSL_get_cipher_name(ssl));
    wolfSSL_write(ssl, argv[4], strlen(argv[4]));
    char buf[512];
    int n = wolfSSL_read(ssl, buf, sizeof buf - 1);
    if (n > 0) { buf[n] = 0; printf("server said: %s\n", buf); }
    if (argc > 6 && strcmp(argv[6], "update") == 0) {
        if (wolfSSL_update_keys(ssl) != WOLFSSL_SUCCESS) fprintf(stderr, "key update refused\n");
        else printf("key update sent\n");
        wolfSSL_write(ssl, argv[4], strlen(argv[4]));
        n = wolfSSL_read(ssl, buf, sizeof buf - 1);
        if (n > 0) { buf[n] = 0; printf("server said: %s\n", buf); }
    }
    wolfSSL_shutdown(ssl);
    wolfSSL_free(ssl);
    wolfSSL_CTX_free(ctx);
    close(fd);
    return 0;
}
