package push_test

import (
	"encoding/json"
	"flag"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/chorus-dev/chorus/adapters"
	"github.com/chorus-dev/chorus/adapters/adapterstest"
	"github.com/chorus-dev/chorus/adapters/push"
)

var update = flag.Bool("update", false, "rewrite the golden files")

func TestContract(t *testing.T) { adapterstest.Run(t, push.New()) }

func TestGolden(t *testing.T) { adapterstest.Golden(t, push.New(), *update) }

func TestPayloads(t *testing.T) {
	in := adapterstest.SampleInput("promotion-en-US")
	v := adapterstest.Render(t, push.New(), in)
	var apns push.APNs
	if err := json.Unmarshal(v.Fields["apns"].(json.RawMessage), &apns); err != nil {
		t.Fatal(err)
	}
	var fcm push.FCM
	if err := json.Unmarshal(v.Fields["fcm"].(json.RawMessage), &fcm); err != nil {
		t.Fatal(err)
	}
	if apns.APS.Alert != fcm.Message.Notification {
		t.Errorf("APNs alert %+v and FCM notification %+v differ", apns.APS.Alert, fcm.Message.Notification)
	}
	if apns.APS.Alert.Title != "Spring Sale" || apns.APS.Sound != "default" || apns.APS.ThreadID != "spring-sale" {
		t.Errorf("aps = %+v", apns.APS)
	}
	price := adapters.FormatPrice("en-US", "79.99", "USD")
	if b := apns.APS.Alert.Body; !strings.Contains(b, price) || !strings.Contains(b, "SPRING20") || utf8.RuneCountInString(b) > push.MaxBody {
		t.Errorf("body %q: want the price %q and the code within %d characters", b, price, push.MaxBody)
	}
	if !strings.HasPrefix(apns.DeepLink, "https://acme.example/sale") || fcm.Message.Data["deep_link"] != apns.DeepLink {
		t.Errorf("deep links %q and %q", apns.DeepLink, fcm.Message.Data["deep_link"])
	}
	var both map[string]json.RawMessage
	if err := json.Unmarshal([]byte(v.Body), &both); err != nil || len(both) != 2 || both["apns"] == nil || both["fcm"] == nil {
		t.Errorf("body is not {apns, fcm}: %v\n%s", err, v.Body)
	}
	if n := v.Metrics["payload_bytes"].(int); n != max(len(v.Fields["apns"].(json.RawMessage)), len(v.Fields["fcm"].(json.RawMessage))) {
		t.Errorf("payload_bytes = %d", n)
	}
}

func TestOverrides(t *testing.T) {
	in := adapterstest.SampleInput("overrides-en-US")
	v := adapterstest.Render(t, push.New(), in)
	if v.Texts[0].Text != "Spring Sale: 20% off" || v.Texts[0].Override != "overrides.push.title" {
		t.Errorf("title text = %+v", v.Texts[0])
	}
	if !strings.HasPrefix(v.Texts[1].Text, "Boots, packs and tents, all 20% off this week.") || v.Texts[1].Override != "overrides.push.body" {
		t.Errorf("body text = %+v", v.Texts[1])
	}
}
