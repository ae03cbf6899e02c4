package main

import (
	"crypto/x509"
	"encoding/pem"
	"os"
	"os/exec"
	"path/filepath"
	"testing"
	"time"
)

// The binary carries its own CA roots: with SSL_CERT_FILE and SSL_CERT_DIR
// pointing at an empty file and an empty folder (as in the image, which has
// no /etc/ssl at all), the system pool is the embedded Mozilla roots, and a
// public root (Let's Encrypt's ISRG Root X1, kept in testdata) verifies.
// Go reads the system roots once per process, so the check runs in a child
// of this test binary that starts with those variables set.
func TestEmbeddedRootsVerifyWithoutSystemRoots(t *testing.T) {
	if os.Getenv("NIAH_ROOTS_CHILD") == "1" {
		verifyISRG(t)
		return
	}
	empty := t.TempDir()
	file := filepath.Join(empty, "none.pem")
	if err := os.WriteFile(file, nil, 0o644); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(os.Args[0], "-test.run=^TestEmbeddedRootsVerifyWithoutSystemRoots$", "-test.v")
	cmd.Env = []string{"NIAH_ROOTS_CHILD=1", "SSL_CERT_FILE=" + file, "SSL_CERT_DIR=" + empty}
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("with no system roots: %v\n%s", err, out)
	}
}

func verifyISRG(t *testing.T) {
	pool, err := x509.SystemCertPool()
	if err != nil {
		t.Fatalf("no system pool: %v", err)
	}
	data, err := os.ReadFile("testdata/isrg-root-x1.pem")
	if err != nil {
		t.Fatal(err)
	}
	block, _ := pem.Decode(data)
	if block == nil {
		t.Fatal("testdata/isrg-root-x1.pem holds no PEM block")
	}
	cert, err := x509.ParseCertificate(block.Bytes)
	if err != nil {
		t.Fatal(err)
	}
	// Verify against the system pool (nil Roots), as net/http does; at a
	// fixed time, so the test outlives nothing but the root itself.
	at := time.Date(2027, 1, 1, 0, 0, 0, 0, time.UTC)
	if _, err := cert.Verify(x509.VerifyOptions{CurrentTime: at}); err != nil {
		t.Errorf("ISRG Root X1 does not verify with the embedded roots alone: %v", err)
	}
	if _, err := cert.Verify(x509.VerifyOptions{Roots: pool, CurrentTime: at}); err != nil {
		t.Errorf("ISRG Root X1 is not in x509.SystemCertPool(): %v", err)
	}
}
