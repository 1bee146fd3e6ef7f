package sms_test

import (
	"flag"
	"strings"
	"testing"

	"github.com/chorus-dev/chorus/adapters"
	"github.com/chorus-dev/chorus/adapters/adapterstest"
	"github.com/chorus-dev/chorus/adapters/sms"
)

var update = flag.Bool("update", false, "rewrite the golden files")

func TestContract(t *testing.T) { adapterstest.Run(t, sms.New()) }

func TestGolden(t *testing.T) { adapterstest.Golden(t, sms.New(), *update) }

func TestMessage(t *testing.T) {
	v := adapterstest.Render(t, sms.New(), adapterstest.SampleInput("promotion-en-US"))
	if !strings.HasPrefix(v.Body, "Acme: ") || !strings.HasSuffix(v.Body, " Reply STOP to opt out") {
		t.Errorf("message lacks the prefix or the opt-out:\n%s", v.Body)
	}
	info := adapters.SMS(v.Body)
	if v.Metrics["encoding"] != info.Encoding || v.Metrics["units"] != info.Units || v.Metrics["segments"] != info.Segments {
		t.Errorf("metrics %v, want %+v", v.Metrics, info)
	}
	if info.Encoding != "GSM-7" {
		t.Errorf("an English message is %s, want GSM-7:\n%s", info.Encoding, v.Body)
	}
}

func TestTypographicPunctuationStaysGSM(t *testing.T) {
	in := adapterstest.SampleInput("promotion-en-US")
	in.Item.Summary = "Don’t miss it — “everything” is 20% off…"
	v := adapterstest.Render(t, sms.New(), in)
	if v.Metrics["encoding"] != "GSM-7" {
		t.Errorf("encoding = %v, want GSM-7:\n%s", v.Metrics["encoding"], v.Body)
	}
}

func TestNonLatinIsUCS2(t *testing.T) {
	for _, name := range []string{"promotion-zh-CN", "promotion-el-GR"} {
		v := adapterstest.Render(t, sms.New(), adapterstest.SampleInput(name))
		if v.Metrics["encoding"] != "UCS-2" {
			t.Errorf("%s: encoding = %v, want UCS-2", name, v.Metrics["encoding"])
		}
		if !strings.Contains(v.Body, "SPRING20") || v.Facts.Code != "SPRING20" {
			t.Errorf("%s: the code is missing:\n%s", name, v.Body)
		}
	}
}

func TestConfiguredSegments(t *testing.T) {
	for _, max := range []int{1, 3} {
		in := adapterstest.SampleInput("huge")
		in.Config.SMS.MaxSegments = max
		v := adapterstest.Render(t, sms.New(), in)
		if n := v.Metrics["segments"]; n != max {
			t.Errorf("max_segments %d: %v segments:\n%s", max, n, v.Body)
		}
		if v.Facts.Price != "79.99" || v.Facts.Code != "SPRING20" {
			t.Errorf("max_segments %d: facts %+v", max, v.Facts)
		}
	}
}
