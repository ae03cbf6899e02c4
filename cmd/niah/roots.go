package main

// The Mozilla roots, for a machine that has none: the container image is
// the static binary alone (no /etc/ssl), and HTTPS to the hosted APIs
// must still verify. Go uses them only when the system offers no roots,
// so a machine's own store (and SSL_CERT_FILE) still wins.
import _ "golang.org/x/crypto/x509roots/fallback"
