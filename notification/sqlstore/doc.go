// Package sqlstore keeps gridnotify's cases in a SQL database: SQLite as the embedded default,
// for one installer's system or a test, and PostgreSQL for a grid company's service running as
// several stateless replicas on one database.
//
//	ring, _ := privacy.NewKeyring("2026-11", map[string][]byte{"2026-11": key}) // 32 random bytes, from a secret store
//	tokens, _ := privacy.NewTokenizer(tokenKey)                                  // 32 random bytes; never rotated
//	store, err := sqlstore.Open(ctx, "sqlite:/var/lib/gridnotify/cases.db", ring, tokens)
//	svc, err := notification.NewService(store, catalog.ExampleCatalog(), lookup, notification.WithAccessLog(store))
//
// A [Store] is a [notification.Repository] (with the cases' events written in the same
// transaction as each change), a [notification.PersonFinder], a [notification.AttachmentStore]
// and a [privacy.AccessLog].
//
// Personal data is sealed at rest, always: each case is stored as the document of package
// sealed — the case without its personal values in clear, and every personal value in one
// AES-256-GCM envelope under the caller's keyring, bound to the case and authenticating the
// clear part — and attachment content is sealed the same way. The columns in clear are those a
// listing filters on, none of them personal: grid company, installer company, status, whether
// sent, times and version. Identity numbers are indexed by keyed token only.
//
// Keys: the keyring's primary key seals; every key it holds opens, so after
// [privacy.Keyring.Rotate] old documents still open and each case is sealed anew under the new
// key the next time it is written. The tokenizer's key must stay the same for the life of the
// database: the person index is made of its tokens.
//
// Migrations are versioned, embedded and applied by [Open] (or [Store.Migrate] at deploy
// time, with [WithoutMigrations]); on PostgreSQL an advisory lock lets several replicas start
// at once. A database migrated by newer code is [ErrSchemaTooNew].
//
// The PostgreSQL tests run against the server in GRIDNOTIFY_TEST_POSTGRES, which the README's
// test command (./scripts/test) starts as a throwaway cluster.
package sqlstore
