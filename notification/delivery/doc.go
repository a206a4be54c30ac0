// Package delivery tells installers and grid companies what happened to their cases: it
// delivers the [notification.Event] values a store records with every change, by e-mail,
// signed webhook or SMS, through River jobs on the store's own database.
//
// # Who is told what
//
// A [Config] holds routes ([Route]): the event types a route carries, whose cases (one
// installer company, one grid company, or all), the audience (the case's installer company or
// the grid company's case officers) and the channel (e-mail, webhook, SMS) with its settings.
// [LoadConfig] reads it from JSON and refuses, at start, unknown fields, unknown event types,
// bad URLs and missing or malformed secrets. A route whose audience is the grid company only
// ever carries events that happened once the case was sent ([notification.Event.Sent]).
// E-mail addresses and phone numbers come from a [Directory] when a delivery is made, so
// they never enter the job queue; [StaticDirectory] is the configuration's own.
//
// # The job model
//
// [Dispatcher.EnqueueTx] runs in the store's write transaction and inserts one River job per
// (event, route that carries it) with InsertManyTx: a rolled-back step queues nothing, a
// committed one queues every delivery, and nothing is lost if the process stops after the
// commit. A job's arguments are the event (which holds no personal data) and the route's ID;
// the pair is the job's unique key. One job per route, rather than per recipient, keeps
// addresses out of the database's queue and sends an e-mail to an organisation's addresses
// in one SMTP transaction; the route's settings and recipients are read when the job runs, so
// a rotated secret or a changed address applies to deliveries still waiting.
//
// [Dispatcher.Start] runs the workers; any number of Dispatchers (replicas, separate pools)
// may run on one database, and River gives each job to one of them at a time. A failed
// attempt is retried with backoff ([Options.Backoff], [Options.MaxAttempts]); an error marked
// [Permanent] (a webhook's 4xx, an SMTP 5xx) is not retried, and River cancels the job; a job
// whose attempts run out is discarded. [Dispatcher.Failed] lists both — the dead letters —
// and [Dispatcher.Redeliver] queues one again. [Dispatcher.Stop] lets running deliveries
// finish until its context ends, then puts them back in the queue.
//
// Delivery is at least once: an attempt that fails after the receiver got the message (the
// connection breaks before the answer, the process dies) sends it again. Every delivery
// carries the event's ID — the webhook-id header, the e-mail's Message-ID and
// X-Gridnotify-Event-Id — so that receivers deduplicate.
//
// # The subscribers
//
// Each channel delivers through a [Subscriber]: [SMTPSubscriber] (go-smtp's client; a
// Swedish and English text that says what happened and links to the case, with no personal
// data), [WebhookSubscriber] (the event's JSON, signed per Standard Webhooks: [SignWebhook],
// checked on the receiving side with [VerifyWebhook] or [ReadWebhook]) and [SMSSubscriber]
// over an [SMSSender] port, with [FakeSMS] for tests. Any other implementation plugs in
// through [Options].
//
// # The database
//
// River's tables live in the store's database: [Migrate] creates or updates them
// (rivermigrate), idempotently; run it once at deployment or from the store's migrations,
// before the Dispatchers start. PostgreSQL is used through database/sql (riverdatabasesql,
// polling for new jobs every [Options.PollInterval]); SQLite through riversqlite, with a pool
// of one connection.
package delivery
