package site

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/chorus-dev/chorus/content"
)

const (
	// webhookQueue bounds the notices waiting for one receiver; when it
	// is full the oldest is dropped, so serving and reloading never wait.
	webhookQueue = 64
	// webhookAttempts is how often one notice is tried.
	webhookAttempts = 5
	// webhookHistory is how many attempts per webhook /v1/status shows.
	webhookHistory = 20
)

// WebhookAttempt is one try to deliver a change notice, as /v1/status
// shows it.
type WebhookAttempt struct {
	Time    time.Time `json:"time"`
	EventID uint64    `json:"event_id"`
	Attempt int       `json:"attempt"`
	Status  int       `json:"status,omitempty"` // the receiver's HTTP status; 0 when none came
	Error   string    `json:"error,omitempty"`
}

// WebhookStatus is one configured webhook with its recent attempts, newest
// last.
type WebhookStatus struct {
	URL      string           `json:"url"` // without credentials or query
	Channels []string         `json:"channels"`
	Queued   int              `json:"queued"`
	Attempts []WebhookAttempt `json:"attempts"`
}

// webhookNotice is the JSON body a receiver gets.
type webhookNotice struct {
	EventID uint64        `json:"event_id"`
	Event   string        `json:"event"` // the kind: snapshot or schedule
	Version string        `json:"version"`
	Changed []ChangedItem `json:"changed"`
	Removed []ChangedItem `json:"removed"`
}

// webhooks runs one delivery worker per configured receiver.
type webhooks struct {
	log     *slog.Logger
	client  *http.Client
	backoff time.Duration
	metrics *metrics

	mu      sync.Mutex
	workers []*hookWorker // in configuration order
	wg      sync.WaitGroup
	stopped bool
}

type hookWorker struct {
	cfg    content.WebhookConfig
	key    string
	queue  chan *ChangeEvent
	cancel context.CancelFunc

	mu       sync.Mutex
	attempts []WebhookAttempt
}

func newWebhooks(log *slog.Logger, client *http.Client, backoff time.Duration, m *metrics) *webhooks {
	c := *client
	// A webhook answer that redirects is a failure, not a second POST to
	// somewhere else.
	c.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	return &webhooks{log: log, client: &c, backoff: backoff, metrics: m}
}

func hookKey(c content.WebhookConfig) string {
	return c.URL + "\x00" + c.Secret + "\x00" + strings.Join(c.Channels, ",")
}

// configure starts workers for new receivers and stops those no longer
// configured; unchanged ones keep their queue and history.
func (h *webhooks) configure(cfgs []content.WebhookConfig) {
	h.mu.Lock()
	defer h.mu.Unlock()
	if h.stopped {
		return
	}
	old := map[string]*hookWorker{}
	for _, w := range h.workers {
		old[w.key] = w
	}
	var next []*hookWorker
	for _, c := range cfgs {
		k := hookKey(c)
		if w, ok := old[k]; ok {
			delete(old, k)
			next = append(next, w)
			continue
		}
		if slices.ContainsFunc(next, func(w *hookWorker) bool { return w.key == k }) {
			continue
		}
		ctx, cancel := context.WithCancel(context.Background())
		w := &hookWorker{cfg: c, key: k, queue: make(chan *ChangeEvent, webhookQueue), cancel: cancel}
		next = append(next, w)
		h.wg.Add(1)
		go func() {
			defer h.wg.Done()
			h.run(ctx, w)
		}()
	}
	for _, w := range old {
		w.cancel()
	}
	h.workers = next
}

// notify queues ev for every receiver that cares about one of its
// channels. It never blocks.
func (h *webhooks) notify(ev *ChangeEvent) {
	h.mu.Lock()
	defer h.mu.Unlock()
	for _, w := range h.workers {
		fev := ev
		if len(w.cfg.Channels) > 0 {
			fev = ev.Filter(func(ch string) bool { return slices.Contains(w.cfg.Channels, ch) })
			if fev.Empty() {
				continue
			}
		}
		select {
		case w.queue <- fev:
			continue
		default:
		}
		// Full: drop the oldest notice to make room for the newest.
		select {
		case dropped := <-w.queue:
			w.record(WebhookAttempt{Time: time.Now().UTC(), EventID: dropped.Seq, Error: "queue full: notice dropped"})
			h.metrics.webhookDeliveries.WithLabelValues("dropped").Inc()
		default:
		}
		select {
		case w.queue <- fev:
		default:
		}
	}
}

// stop ends every worker and waits for them.
func (h *webhooks) stop() {
	h.mu.Lock()
	h.stopped = true
	for _, w := range h.workers {
		w.cancel()
	}
	h.mu.Unlock()
	h.wg.Wait()
}

// status returns every receiver's recent attempts.
func (h *webhooks) status() []WebhookStatus {
	h.mu.Lock()
	defer h.mu.Unlock()
	out := make([]WebhookStatus, 0, len(h.workers))
	for _, w := range h.workers {
		w.mu.Lock()
		chs := w.cfg.Channels
		if chs == nil {
			chs = []string{}
		}
		out = append(out, WebhookStatus{
			URL: redactURL(w.cfg.URL), Channels: chs, Queued: len(w.queue),
			Attempts: append([]WebhookAttempt{}, w.attempts...),
		})
		w.mu.Unlock()
	}
	return out
}

func (w *hookWorker) record(a WebhookAttempt) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if len(w.attempts) == webhookHistory {
		copy(w.attempts, w.attempts[1:])
		w.attempts = w.attempts[:webhookHistory-1]
	}
	w.attempts = append(w.attempts, a)
}

func (h *webhooks) run(ctx context.Context, w *hookWorker) {
	for {
		select {
		case <-ctx.Done():
			return
		case ev := <-w.queue:
			h.deliver(ctx, w, ev)
		}
	}
}

// deliver posts one notice, retrying network errors, 5xx and 429 with
// exponential backoff up to webhookAttempts tries.
func (h *webhooks) deliver(ctx context.Context, w *hookWorker, ev *ChangeEvent) {
	body, err := json.Marshal(webhookNotice{EventID: ev.Seq, Event: ev.Kind, Version: ev.Version, Changed: ev.Changed, Removed: ev.Removed})
	if err != nil {
		w.record(WebhookAttempt{Time: time.Now().UTC(), EventID: ev.Seq, Error: "encoding the notice: " + err.Error()})
		return
	}
	sig := ""
	if w.cfg.Secret != "" {
		sig = Sign(w.cfg.Secret, body)
	}
	wait := h.backoff
	for attempt := 1; attempt <= webhookAttempts; attempt++ {
		status, err := h.post(ctx, w.cfg.URL, body, sig, ev.Seq)
		if ctx.Err() != nil {
			return
		}
		a := WebhookAttempt{Time: time.Now().UTC(), EventID: ev.Seq, Attempt: attempt, Status: status}
		retry := false
		switch {
		case err != nil:
			a.Error, retry = err.Error(), true
		case status == http.StatusTooManyRequests || status >= 500:
			a.Error, retry = fmt.Sprintf("the receiver answered %d", status), true
		case status < 200 || status > 299:
			a.Error = fmt.Sprintf("the receiver answered %d; not retried", status)
		}
		w.record(a)
		switch {
		case a.Error == "":
			h.metrics.webhookDeliveries.WithLabelValues("delivered").Inc()
			return
		case !retry || attempt == webhookAttempts:
			h.metrics.webhookDeliveries.WithLabelValues("failed").Inc()
			h.log.Warn("webhook delivery failed", "url", redactURL(w.cfg.URL), "event", ev.Seq, "attempts", attempt, "error", a.Error)
			return
		}
		h.metrics.webhookDeliveries.WithLabelValues("retried").Inc()
		if !sleep(ctx, wait) {
			return
		}
		wait *= 2
	}
}

func (h *webhooks) post(ctx context.Context, u string, body []byte, sig string, seq uint64) (int, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, u, bytes.NewReader(body))
	if err != nil {
		return 0, err
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("User-Agent", "chorus-webhook/1")
	req.Header.Set("X-Chorus-Event-Id", strconv.FormatUint(seq, 10))
	if sig != "" {
		req.Header.Set("X-Chorus-Signature", sig)
	}
	resp, err := h.client.Do(req)
	if err != nil {
		var ue *url.Error
		if errors.As(err, &ue) {
			err = ue.Err
		}
		return 0, err
	}
	_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, 64<<10))
	resp.Body.Close()
	return resp.StatusCode, nil
}

// Sign returns the X-Chorus-Signature value of a webhook body:
// "sha256=" and the hex HMAC-SHA256 of body keyed with secret.
func Sign(secret string, body []byte) string {
	m := hmac.New(sha256.New, []byte(secret))
	m.Write(body)
	return "sha256=" + hex.EncodeToString(m.Sum(nil))
}

// redactURL drops credentials, query and fragment, which may hold
// secrets.
func redactURL(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		return "(unparsable URL)"
	}
	u.User, u.RawQuery, u.Fragment, u.RawFragment = nil, "", "", ""
	return u.String()
}
