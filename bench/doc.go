// Package bench measures gridnotify against the general-purpose libraries a team would
// otherwise reach for: dario.cat/mergo for "Hämta anl-data" (merging a looked-up facility
// record into a case) and go-playground/validator/v10 for the completeness check against a
// grid company's profile. Each benchmark has a test that proves both sides produce the same
// answer on the benchmark's data, so the figures compare equal work; the tests also pin down
// exactly where the peers' semantics differ. Results and method: ../BENCHMARKS.md.
//
// It is a module of its own so that the library's go.mod does not depend on mergo.
package bench
