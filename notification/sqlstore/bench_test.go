package sqlstore_test

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"maps"
	"os"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/gridnotify/gridnotify/notification"
	"github.com/gridnotify/gridnotify/notification/catalog"
	"github.com/gridnotify/gridnotify/notification/notificationtest"
	"github.com/gridnotify/gridnotify/notification/sealed"
	"github.com/gridnotify/gridnotify/notification/sqlstore"
	"github.com/gridnotify/gridnotify/privacy"
)

// The benchmarks compare the store with a baseline: the same statements through database/sql
// on tables of the same shape (plain_cases, plain_tokens) holding the case unsealed, as JSON —
// the snapshot without its personal values and, next to it, the personal values in clear (a
// snapshot's own JSON masks them, so it would not read back). The difference is what sealing
// and the codec cost.
//
//	scripts/postgres.sh go test -run='^$' -bench=BenchmarkStore -benchmem ./notification/sqlstore

// benchEngines are the engines the benchmarks run on: an SQLite file and PostgreSQL.
var benchEngines = []engine{engines[0], engines[2]}

// baseline is the raw database/sql store the store is measured against.
type baseline struct {
	db *sql.DB
	s  *sqlstore.Store // for its dialect
}

// newBaseline creates the baseline's tables in the store's database.
func newBaseline(b *testing.B, s *sqlstore.Store) *baseline {
	b.Helper()
	blob := "BYTEA"
	if s.Dialect() == sqlstore.SQLite {
		blob = "BLOB"
	}
	for _, q := range []string{
		`CREATE TABLE plain_cases (id TEXT PRIMARY KEY, grid_company TEXT NOT NULL, installer TEXT NOT NULL,
			status TEXT NOT NULL, sent BOOLEAN NOT NULL, created_at BIGINT NOT NULL, updated_at BIGINT NOT NULL,
			version BIGINT NOT NULL, doc ` + blob + ` NOT NULL)`,
		"CREATE INDEX plain_inbox_status ON plain_cases (grid_company, status, created_at, id) WHERE sent",
		"CREATE INDEX plain_installer_status ON plain_cases (installer, status, created_at, id)",
		"CREATE TABLE plain_tokens (token " + blob + " NOT NULL, case_id TEXT NOT NULL, PRIMARY KEY (token, case_id))",
		"CREATE INDEX plain_tokens_case ON plain_tokens (case_id)",
	} {
		if _, err := s.DB().Exec(q); err != nil {
			b.Fatal(err)
		}
	}
	return &baseline{db: s.DB(), s: s}
}

// plainDoc is the baseline's document: the case unsealed.
type plainDoc struct {
	Case     notification.Snapshot `json:"case"`
	Personal map[string]string     `json:"personal"`
}

func (bl *baseline) encode(snap notification.Snapshot) ([]byte, error) {
	d := plainDoc{Case: snap.WithoutPersonalValues(), Personal: map[string]string{}}
	for path, v := range snap.PersonalValues() {
		d.Personal[path] = v
	}
	return json.Marshal(d)
}

func (bl *baseline) decode(doc []byte) (*notification.Case, error) {
	var d plainDoc
	if err := json.Unmarshal(doc, &d); err != nil {
		return nil, err
	}
	if err := d.Case.SetPersonalValues(maps.All(d.Personal)); err != nil {
		return nil, err
	}
	return notification.RestoreCase(d.Case)
}

// write is the store's write of a case, statement for statement: the row, then its tokens.
func (bl *baseline) write(c *notification.Case, create bool) error {
	snap := c.Snapshot()
	snap.Version = c.Version() + 1
	doc, err := bl.encode(snap)
	if err != nil {
		return err
	}
	l := snap.Listing()
	tx, err := bl.db.Begin()
	if err != nil {
		return err
	}
	defer func() { _ = tx.Rollback() }()
	cols := []any{string(l.ID), l.GridCompany, l.Installer, l.Status.Code(), l.Sent, l.CreatedAt.UnixNano(),
		l.UpdatedAt.UnixNano(), l.Version, doc}
	if create {
		_, err = tx.Exec(rebind(bl.s, `INSERT INTO plain_cases (id, grid_company, installer, status, sent, created_at,
			updated_at, version, doc) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING`), cols...)
	} else {
		var res sql.Result
		res, err = tx.Exec(rebind(bl.s, `UPDATE plain_cases SET grid_company = ?, installer = ?, status = ?, sent = ?,
			created_at = ?, updated_at = ?, version = ?, doc = ? WHERE id = ? AND version = ?`),
			append(cols[1:], cols[0], c.Version())...)
		if err == nil {
			if n, _ := res.RowsAffected(); n != 1 {
				return notification.ErrConflict
			}
		}
		if err == nil {
			_, err = tx.Exec(rebind(bl.s, "DELETE FROM plain_tokens WHERE case_id = ?"), string(l.ID))
		}
	}
	if err != nil {
		return err
	}
	for _, t := range snap.PersonTokens(benchTokens) {
		if _, err := tx.Exec(rebind(bl.s, "INSERT INTO plain_tokens (token, case_id) VALUES (?, ?) ON CONFLICT DO NOTHING"),
			t[:], string(l.ID)); err != nil {
			return err
		}
	}
	return tx.Commit()
}

func (bl *baseline) get(id notification.ID) (*notification.Case, error) {
	var doc []byte
	if err := bl.db.QueryRow(rebind(bl.s, "SELECT doc FROM plain_cases WHERE id = ?"), string(id)).Scan(&doc); err != nil {
		return nil, err
	}
	return bl.decode(doc)
}

// list is the store's listing for q, one query per status, merged.
func (bl *baseline) list(q notification.Query) ([]*notification.Case, error) {
	var out []*notification.Case
	for _, st := range q.Statuses {
		query, args := sqlstore.ListQuery(bl.s, q, st, q.PageSize()+1)
		rows, err := bl.db.Query(strings.Replace(query, "FROM cases", "FROM plain_cases", 1), args...)
		if err != nil {
			return nil, err
		}
		for rows.Next() {
			var (
				id      string
				created int64
				doc     []byte
			)
			if err := rows.Scan(&id, &created, &doc); err != nil {
				_ = rows.Close()
				return nil, err
			}
			c, err := bl.decode(doc)
			if err != nil {
				_ = rows.Close()
				return nil, err
			}
			out = append(out, c)
		}
		if err := rows.Close(); err != nil {
			return nil, err
		}
	}
	return out[:min(len(out), q.PageSize())], nil
}

// benchTokens is the tokenizer of the test keys.
var benchTokens, _ = privacy.NewTokenizer(key(9))

// inbox is the listing the benchmarks read: the grid company's inbox, a page of 50.
var inbox = notification.Query{GridCompany: "oresundskraft", SentOnly: true,
	Statuses: []notification.Status{notification.AwaitingApproval, notification.Returned}, Limit: 50}

// restored returns a copy of tmpl as a new case: a fresh ID, version 0.
func restored(b *testing.B, tmpl notification.Snapshot) *notification.Case {
	s := tmpl
	s.ID, s.Version = notification.NewID(), 0
	c, err := notification.RestoreCase(s)
	if err != nil {
		b.Fatal(err)
	}
	return c
}

// BenchmarkStore measures Get, Create, Update and a listing page (the grid company's inbox,
// 50 cases) of a case with every kind of personal value, on the store and on the baseline,
// among 200 stored cases. Create and Update write cases restored from a snapshot, which carry
// no events, so both sides write the same rows.
func BenchmarkStore(b *testing.B) {
	for _, e := range benchEngines {
		b.Run(e.name, func(b *testing.B) {
			ctx := context.Background()
			s := open(b, e.dsn(b))
			bl := newBaseline(b, s)
			tmpl := fullCase(b, service(b, s)).Snapshot()
			var ids []notification.ID
			for range 200 {
				c := restored(b, tmpl)
				if _, err := s.Create(ctx, c); err != nil {
					b.Fatal(err)
				}
				if err := bl.write(c, true); err != nil {
					b.Fatal(err)
				}
				ids = append(ids, c.ID())
			}
			id := ids[100]
			b.Run("Get/sqlstore", func(b *testing.B) {
				b.ReportAllocs()
				for b.Loop() {
					if _, err := s.Get(ctx, id); err != nil {
						b.Fatal(err)
					}
				}
			})
			b.Run("Get/baseline", func(b *testing.B) {
				b.ReportAllocs()
				for b.Loop() {
					if _, err := bl.get(id); err != nil {
						b.Fatal(err)
					}
				}
			})
			b.Run("Create/sqlstore", func(b *testing.B) {
				b.ReportAllocs()
				for b.Loop() {
					b.StopTimer()
					c := restored(b, tmpl)
					b.StartTimer()
					if _, err := s.Create(ctx, c); err != nil {
						b.Fatal(err)
					}
				}
			})
			b.Run("Create/baseline", func(b *testing.B) {
				b.ReportAllocs()
				for b.Loop() {
					b.StopTimer()
					c := restored(b, tmpl)
					b.StartTimer()
					if err := bl.write(c, true); err != nil {
						b.Fatal(err)
					}
				}
			})
			// Update writes the same case again and again, each time from the version it
			// stored: the case is restored at that version outside the timer.
			update := func(b *testing.B, c *notification.Case, put func(*notification.Case) error) {
				b.ReportAllocs()
				for b.Loop() {
					if err := put(c); err != nil {
						b.Fatal(err)
					}
					b.StopTimer()
					snap := c.Snapshot()
					snap.Version++
					var err error
					if c, err = notification.RestoreCase(snap); err != nil {
						b.Fatal(err)
					}
					b.StartTimer()
				}
			}
			b.Run("Update/sqlstore", func(b *testing.B) {
				c, err := s.Get(ctx, id)
				if err != nil {
					b.Fatal(err)
				}
				update(b, c, func(c *notification.Case) error { _, err := s.Update(ctx, c); return err })
			})
			b.Run("Update/baseline", func(b *testing.B) {
				c, err := bl.get(id)
				if err != nil {
					b.Fatal(err)
				}
				update(b, c, func(c *notification.Case) error { return bl.write(c, false) })
			})
			b.Run("ListPage/sqlstore", func(b *testing.B) {
				b.ReportAllocs()
				for b.Loop() {
					p, err := s.List(ctx, inbox)
					if err != nil || len(p.Cases) != 50 {
						b.Fatal(len(p.Cases), err)
					}
				}
			})
			b.Run("ListPage/baseline", func(b *testing.B) {
				b.ReportAllocs()
				for b.Loop() {
					p, err := bl.list(inbox)
					if err != nil || len(p) != 50 {
						b.Fatal(len(p), err)
					}
				}
			})
		})
	}
}

// scaleSizes are the store sizes of BenchmarkScale. GRIDNOTIFY_BENCH_MILLION=1 adds 1 000 000
// (minutes of setup and a few GB of disk per engine).
func scaleSizes() []int {
	if os.Getenv("GRIDNOTIFY_BENCH_MILLION") == "1" {
		return []int{1_000, 100_000, 1_000_000}
	}
	return []int{1_000, 100_000}
}

// BenchmarkScale measures a listing page (the grid company's inbox from its start and from a
// cursor half way through, and one installer company's list; 50 cases or what there is) and
// FindPerson among 1 000 and 100 000 (and 1 000 000) stored cases. The cases are real sealed
// documents of distinct owners, spread as in the memory store's BenchmarkMemoryListing: 100
// installer companies, 100 grid companies, 1 % sent to Öresundskraft and waiting for it (10
// and 10 % at 1 000 cases, so that every listing fills its page). It also reports what one
// case costs on disk (tables and indexes, the whole database on SQLite) as disk-B/case.
//
//	scripts/postgres.sh go test -run='^$' -bench=BenchmarkScale -benchmem ./notification/sqlstore
func BenchmarkScale(b *testing.B) {
	for _, e := range benchEngines {
		for _, n := range scaleSizes() {
			b.Run(fmt.Sprintf("%s/cases=%d", e.name, n), func(b *testing.B) {
				ctx := context.Background()
				s := open(b, e.dsn(b))
				first := fullCase(b, service(b, s))
				tmpl := first.Snapshot()
				if err := s.Delete(ctx, first.ID(), first.Version()); err != nil { // only the bulk's cases count
					b.Fatal(err)
				}
				start := time.Now()
				target := bulkFill(b, s, tmpl, n)
				b.Logf("filled %d cases in %v", n, time.Since(start).Round(time.Millisecond))
				perCase := float64(diskBytes(b, s)) / float64(n)
				spread := listingSpread(n)
				half, err := s.List(ctx, notification.Query{GridCompany: inbox.GridCompany, SentOnly: true,
					Statuses: inbox.Statuses, Limit: n / spread / 2})
				if err != nil {
					b.Fatal(err)
				}
				deep := inbox
				deep.After = half.Next
				for _, l := range []struct {
					name  string
					q     notification.Query
					cases int
				}{
					{"Inbox", inbox, n / spread}, {"InboxDeep", deep, n/spread - n/spread/2},
					{"Installer", notification.Query{Installer: "inst-7", Limit: 50}, n / spread},
				} {
					statuses := l.q.Statuses
					if len(statuses) == 0 {
						statuses = []notification.Status{notification.StatusNone}
					}
					for _, st := range statuses { // the plans, for the benchmark notes (-v)
						query, args := sqlstore.ListQuery(s, l.q, st, 51)
						b.Logf("%s, status %q: %s", l.name, st.Code(), strings.ReplaceAll(explain(b, s, query, args), "\n", "; "))
					}
					b.Run(l.name, func(b *testing.B) {
						b.ReportAllocs()
						for b.Loop() {
							p, err := s.List(ctx, l.q)
							if err != nil || len(p.Cases) != min(50, l.cases) {
								b.Fatal(len(p.Cases), err)
							}
						}
						b.ReportMetric(perCase, "disk-B/case")
					})
				}
				b.Run("FindPerson", func(b *testing.B) {
					b.ReportAllocs()
					for b.Loop() {
						ids, err := s.FindPerson(ctx, target)
						if err != nil || len(ids) != 1 {
							b.Fatal(ids, err)
						}
					}
				})
			})
		}
	}
}

// listingSpread is, for a store of n cases, the number of installer companies and one in how
// many cases waits in Öresundskraft's inbox: 100, or fewer in a small store, so that each
// listing holds at least 100 cases.
func listingSpread(n int) int { return max(1, min(100, n/100)) }

// bulkRow is one case as the store writes it.
type bulkRow struct {
	l      notification.Listing
	doc    []byte
	tokens []privacy.Token
}

// bulkFill stores n sealed cases made from tmpl (owner and payer of their own, spread as
// BenchmarkScale says) straight into the store's tables, many rows a statement, and returns
// the owner's number of the case half way. The documents are sealed by a codec on the test
// keys, as the store's own are, so the store reads them as its own.
func bulkFill(b *testing.B, s *sqlstore.Store, tmpl notification.Snapshot, n int) privacy.PersonalIdentityNumber {
	b.Helper()
	ring, tok := keys(b)
	codec, err := sealed.NewCodec(ring, tok)
	if err != nil {
		b.Fatal(err)
	}
	closed := []notification.Status{notification.NotSent, notification.Approved, notification.Completed, notification.Cancelled}
	submit := tmpl.History
	spread := listingSpread(n)
	rows := make([]bulkRow, n)
	var target privacy.PersonalIdentityNumber
	var wg sync.WaitGroup
	var failed sync.Once
	var fillErr error
	workers := runtime.GOMAXPROCS(0)
	for w := range workers {
		wg.Go(func() {
			for i := w; i < n; i += workers {
				snap := tmpl
				snap.ID, snap.Version = notification.NewID(), 1
				snap.CreatedAt = tmpl.CreatedAt.Add(time.Duration(i) * time.Second)
				snap.Handler.Organisation = fmt.Sprintf("inst-%d", i%spread)
				snap.GridCompany, snap.Status, snap.History = fmt.Sprintf("grid-%d", i%99), closed[i%len(closed)], submit
				if i%spread == 0 {
					snap.GridCompany, snap.Status = "oresundskraft", notification.AwaitingApproval
					if i%(2*spread) == 0 {
						snap.Status = notification.Returned
					}
				}
				if snap.Status == notification.NotSent {
					snap.History = nil
				}
				pn, err := notificationtest.SerialPersonalIdentityNumber(i)
				if err == nil {
					snap.Owner.PersonalNumber, snap.Payer.PersonalNumber = pn, pn
					if i == n/2 {
						target = pn
					}
					rows[i].doc, err = codec.Encode(snap)
				}
				if err != nil {
					failed.Do(func() { fillErr = err })
					return
				}
				rows[i].l, rows[i].tokens = snap.Listing(), codec.Tokens(snap)
			}
		})
	}
	wg.Wait()
	if fillErr != nil {
		b.Fatal(fillErr)
	}
	tx, err := s.DB().Begin()
	if err != nil {
		b.Fatal(err)
	}
	defer func() { _ = tx.Rollback() }()
	const batch = 500
	for from := 0; from < n; from += batch {
		part := rows[from:min(n, from+batch)]
		var cases, tokens []string
		var caseArgs, tokenArgs []any
		for _, r := range part {
			cases = append(cases, "(?, ?, ?, ?, ?, ?, ?, ?, ?)")
			caseArgs = append(caseArgs, string(r.l.ID), r.l.GridCompany, r.l.Installer, r.l.Status.Code(), r.l.Sent,
				r.l.CreatedAt.UnixNano(), r.l.UpdatedAt.UnixNano(), r.l.Version, r.doc)
			for _, t := range r.tokens {
				tokens = append(tokens, "(?, ?)")
				tokenArgs = append(tokenArgs, t[:], string(r.l.ID))
			}
		}
		if _, err := tx.Exec(rebind(s, "INSERT INTO cases (id, grid_company, installer, status, sent, created_at, updated_at, version, doc) VALUES "+
			strings.Join(cases, ", ")), caseArgs...); err != nil {
			b.Fatal(err)
		}
		if _, err := tx.Exec(rebind(s, "INSERT INTO person_tokens (token, case_id) VALUES "+strings.Join(tokens, ", ")+
			" ON CONFLICT DO NOTHING"), tokenArgs...); err != nil {
			b.Fatal(err)
		}
	}
	if err := tx.Commit(); err != nil {
		b.Fatal(err)
	}
	if s.Dialect() == sqlstore.SQLite {
		// One transaction of the whole fill leaves it all in the write-ahead log, where every
		// page read searches the log's index, which grows with it; a store in use checkpoints
		// every 1 000 pages, so the benchmark reads the database as such a store has it.
		if _, err := s.DB().Exec("PRAGMA wal_checkpoint(TRUNCATE)"); err != nil {
			b.Fatal(err)
		}
	}
	if _, err := s.DB().Exec("ANALYZE"); err != nil {
		b.Fatal(err)
	}
	return target
}

// diskBytes is what the store's cases take on disk: on PostgreSQL the tables of cases and
// person tokens with their indexes, on SQLite the whole database file.
func diskBytes(b *testing.B, s *sqlstore.Store) int64 {
	b.Helper()
	var n int64
	q := "SELECT pg_total_relation_size('cases') + pg_total_relation_size('person_tokens')"
	if s.Dialect() == sqlstore.SQLite {
		q = "SELECT page_count * page_size FROM pragma_page_count(), pragma_page_size()"
	}
	if err := s.DB().QueryRow(q).Scan(&n); err != nil {
		b.Fatal(err)
	}
	return n
}

// BenchmarkConcurrentSteps measures the throughput of steps (Save of a new work description:
// a read, a conditional write of the case, its tokens and its event) taken by 1, 4 and 16
// writers at once through one Service, each on a case of its own, as steps/s. The step does
// not grow the case, so the last step costs what the first did.
//
//	scripts/postgres.sh go test -run='^$' -bench=BenchmarkConcurrentSteps -benchtime=2000x ./notification/sqlstore
func BenchmarkConcurrentSteps(b *testing.B) {
	for _, e := range benchEngines {
		for _, writers := range []int{1, 4, 16} {
			b.Run(fmt.Sprintf("%s/writers=%d", e.name, writers), func(b *testing.B) {
				s := open(b, e.dsn(b))
				svc := service(b, s)
				ctx := privacy.WithActor(context.Background(), installer)
				cases := make([]*notification.Case, writers)
				for w := range cases {
					c, err := svc.Create(ctx, notification.CreateRequest{GridCompany: "oresundskraft",
						InstallationType: catalog.ServiceChange, JobType: "single-meter", Area: "HBG"})
					if err != nil {
						b.Fatal(err)
					}
					cases[w] = c
				}
				texts := []string{"Byte av mätarskåp.", "Byte av mätarskåp och servis."}
				b.ReportAllocs()
				b.ResetTimer()
				start := time.Now()
				var wg sync.WaitGroup
				errs := make(chan error, writers)
				for w := range writers {
					steps := b.N / writers
					if w < b.N%writers {
						steps++
					}
					wg.Go(func() {
						c := cases[w]
						for i := range steps {
							res, err := svc.Save(ctx, c.ID(), c.Version(), func(d *notification.Draft) error {
								return d.SetWorkDescription(texts[i%2])
							})
							if err != nil {
								errs <- err
								return
							}
							c = res.Case
						}
					})
				}
				wg.Wait()
				b.StopTimer()
				close(errs)
				if err := <-errs; err != nil {
					b.Fatal(err)
				}
				b.ReportMetric(float64(b.N)/time.Since(start).Seconds(), "steps/s")
			})
		}
	}
}
