package main

import (
	"context"
	"crypto/rand"
	"encoding/base64"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/gridnotify/gridnotify/facility"
	"github.com/gridnotify/gridnotify/notification"
	"github.com/gridnotify/gridnotify/notification/catalog"
	"github.com/gridnotify/gridnotify/notification/sqlstore"
	"github.com/gridnotify/gridnotify/privacy"
)

// newService returns the service the walkthrough runs on: the embedded in-memory defaults, or,
// with a DSN, a SQL store (sqlstore) with the example catalog and the sample facilities. The
// returned function closes what it opened.
func newService(ctx context.Context, dsn string) (*notification.Service, func() error, error) {
	if dsn == "" {
		return notification.NewDefaultService(), func() error { return nil }, nil
	}
	ring, tokens, err := walkthroughKeys(dsn)
	if err != nil {
		return nil, nil, err
	}
	store, err := sqlstore.Open(ctx, dsn, ring, tokens)
	if err != nil {
		return nil, nil, err
	}
	svc, err := notification.NewService(store, catalog.ExampleCatalog(), facility.SampleRegistry(),
		notification.WithAccessLog(store))
	if err != nil {
		_ = store.Close()
		return nil, nil, err
	}
	return svc, store.Close, nil
}

// walkthroughKeys returns the sealing keyring and the tokenizer for the database. A real
// deployment takes both keys from its secret store (GRIDNOTIFY_SEALING_KEY and
// GRIDNOTIFY_TOKEN_KEY here, base64 of 32 random bytes each); without them the walkthrough
// keeps demo keys in a file of its own (mode 0600) next to an SQLite database, or in the user's
// configuration directory for PostgreSQL, so that a second run opens the first run's cases.
func walkthroughKeys(dsn string) (*privacy.Keyring, *privacy.Tokenizer, error) {
	sealing, token := os.Getenv("GRIDNOTIFY_SEALING_KEY"), os.Getenv("GRIDNOTIFY_TOKEN_KEY")
	if sealing == "" || token == "" {
		path, err := keyFile(dsn)
		if err != nil {
			return nil, nil, err
		}
		if sealing, token, err = demoKeys(path); err != nil {
			return nil, nil, err
		}
	}
	sk, err1 := base64.StdEncoding.DecodeString(sealing)
	tk, err2 := base64.StdEncoding.DecodeString(token)
	if err := errors.Join(err1, err2); err != nil {
		return nil, nil, fmt.Errorf("the keys are not base64: %w", err)
	}
	ring, err := privacy.NewKeyring("walkthrough", map[string][]byte{"walkthrough": sk})
	if err != nil {
		return nil, nil, err
	}
	tokens, err := privacy.NewTokenizer(tk)
	if err != nil {
		return nil, nil, err
	}
	return ring, tokens, nil
}

// keyFile is where the demo keys of the database at dsn live.
func keyFile(dsn string) (string, error) {
	if path, ok := strings.CutPrefix(dsn, "sqlite:"); ok && path != ":memory:" {
		return path + ".keys", nil
	}
	dir, err := os.UserConfigDir()
	if err != nil {
		return "", err
	}
	return filepath.Join(dir, "gridnotify", "walkthrough.keys"), nil
}

// demoKeys reads the demo keys at path, making them on the first run.
func demoKeys(path string) (sealing, token string, err error) {
	b, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		k := make([]byte, 64)
		_, _ = rand.Read(k)
		b = []byte(base64.StdEncoding.EncodeToString(k[:32]) + "\n" + base64.StdEncoding.EncodeToString(k[32:]) + "\n")
		if err := os.MkdirAll(filepath.Dir(path), 0o700); err != nil {
			return "", "", err
		}
		if err := os.WriteFile(path, b, 0o600); err != nil {
			return "", "", err
		}
	} else if err != nil {
		return "", "", err
	}
	lines := strings.Fields(string(b))
	if len(lines) != 2 {
		return "", "", fmt.Errorf("%s does not hold two keys", path)
	}
	return lines[0], lines[1], nil
}
