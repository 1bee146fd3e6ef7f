// Package push renders items as mobile push notifications: one APNs
// payload and one FCM HTTP v1 message with the same title, body and deep
// link, within 50 and 150 characters and the 4 KB payload ceiling.
package push

import (
	"bytes"
	"encoding/json"

	"github.com/chorus-dev/chorus/adapters"
	"github.com/chorus-dev/chorus/adapters/internal/compose"
)

// Limits of a notification.
const (
	MaxTitle        = 50   // characters shown before the title is cut
	MaxBody         = 150  // characters shown before the body is cut
	MaxPayloadBytes = 4096 // APNs' ceiling on a remote notification's payload
)

// Adapter renders the push channel.
type Adapter struct{}

var _ adapters.Adapter = (*Adapter)(nil)
var _ adapters.Describer = (*Adapter)(nil)

// New returns the push adapter.
func New() *Adapter { return &Adapter{} }

// ID returns "push".
func (*Adapter) ID() string { return "push" }

// Describe says what the channel renders.
func (*Adapter) Describe() string {
	return "Push notification: APNs payload and FCM message, title ≤ 50 and body ≤ 150 characters, payload ≤ 4 KB"
}

// Limits lists the notification's limits: the payload size in bytes, and
// the title and body lengths in characters (Unicode code points).
func (*Adapter) Limits() []adapters.Limit {
	return []adapters.Limit{
		{Metric: "payload_bytes", Max: MaxPayloadBytes, Unit: "bytes"},
		{Metric: "title_length", Max: MaxTitle, Unit: "characters"},
		{Metric: "body_length", Max: MaxBody, Unit: "characters"},
	}
}

// APNs is the payload of an Apple remote notification. DeepLink is a
// custom key the app reads to open the page.
type APNs struct {
	APS      APS    `json:"aps"`
	DeepLink string `json:"deep_link,omitempty"`
}

// APS is the Apple-defined part of an APNs payload.
type APS struct {
	Alert    Alert  `json:"alert"`
	Sound    string `json:"sound"`
	ThreadID string `json:"thread-id,omitempty"`
}

// Alert is the visible text of a notification.
type Alert struct {
	Title string `json:"title"`
	Body  string `json:"body,omitempty"`
}

// FCM is a Firebase Cloud Messaging HTTP v1 send request. The sender adds
// the target (token, topic or condition) to Message.
type FCM struct {
	Message FCMMessage `json:"message"`
}

// FCMMessage is the message of an FCM send request.
type FCMMessage struct {
	Notification Alert             `json:"notification"`
	Data         map[string]string `json:"data,omitempty"`
}

// Render builds the notification. The title is the override
// overrides.push.title, else the item's title; the body is the override
// overrides.push.body, else the summary, followed by the facts. Both are
// cut to fit; the price and code never are. The deep link is the call to
// action's UTM-tagged https link, which the app opens as a universal link
// (App Links on Android). Fields are the two payloads; Body holds both.
func (a *Adapter) Render(in *adapters.Input) (*adapters.Variant, error) {
	if err := compose.Check(in); err != nil {
		return nil, err
	}
	it := in.Item
	w := compose.WordsFor(it.Locale)

	title, titleOverride := compose.Override(it, a.ID(), "title")
	if title == "" {
		title = compose.Clean(it.Title)
	}
	title = compose.FitText(title, MaxTitle, compose.Runes)
	if title == "" {
		titleOverride = ""
	}

	hook, bodyOverride := compose.Override(it, a.ID(), "body")
	if hook == "" {
		hook = compose.Clean(it.Summary)
	}
	spec := compose.Spec{
		Max:    MaxBody,
		Count:  compose.Runes,
		Layout: func(p compose.Parts) string { return compose.Sentence(w, p.Hook, compose.EndSentence(w, p.Facts)) },
		Sep:    w.Sep,
	}
	r := compose.Fit(spec, hook, compose.Statements(it), "", "", nil)
	body := r.Text
	if r.Parts.Hook == "" {
		bodyOverride = ""
	}

	_, link := compose.Link(in, a.ID())
	facts := r.Facts
	if link != "" {
		facts.URL = it.Facts().URL
	}

	alert := Alert{Title: title, Body: body}
	apns, err := marshal(APNs{APS: APS{Alert: alert, Sound: "default", ThreadID: it.ID}, DeepLink: link})
	if err != nil {
		return nil, err
	}
	data := map[string]string{"item_id": it.ID}
	if link != "" {
		data["deep_link"] = link
	}
	fcm, err := marshal(FCM{Message: FCMMessage{Notification: alert, Data: data}})
	if err != nil {
		return nil, err
	}
	both, err := marshalIndent(struct {
		APNs json.RawMessage `json:"apns"`
		FCM  json.RawMessage `json:"fcm"`
	}{apns, fcm})
	if err != nil {
		return nil, err
	}

	v := &adapters.Variant{
		Channel:   a.ID(),
		MediaType: "application/json",
		Ext:       ".json",
		Body:      string(both),
		Fields:    map[string]any{"apns": apns, "fcm": fcm},
		Metrics: map[string]any{
			"payload_bytes": max(len(apns), len(fcm)),
			"title_length":  compose.Runes(title),
			"body_length":   compose.Runes(body),
		},
		Facts: facts,
		Texts: []adapters.Text{
			{Field: "title", Text: title, Override: titleOverride},
			{Field: "body", Text: body, Override: bodyOverride},
		},
	}
	return adapters.Finish(in, v), nil
}

// marshal encodes v as compact JSON without escaping <, > and &, which
// would only make the payload longer.
func marshal(v any) (json.RawMessage, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimRight(b.Bytes(), "\n"), nil
}

// marshalIndent is marshal with two-space indentation, for Body.
func marshalIndent(v any) ([]byte, error) {
	var b bytes.Buffer
	enc := json.NewEncoder(&b)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return b.Bytes(), nil
}
