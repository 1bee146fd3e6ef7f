package site

import (
	"net/http"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// metrics are the server's Prometheus metrics, in a registry of its own so
// that two servers in one process (tests) never collide.
type metrics struct {
	reg               *prometheus.Registry
	requests          *prometheus.CounterVec
	duration          *prometheus.HistogramVec
	reloads           prometheus.Counter
	reloadsFailed     prometheus.Counter
	reloadSeconds     prometheus.Histogram
	items             prometheus.Gauge
	variants          prometheus.Gauge
	streams           prometheus.Gauge
	webhookDeliveries *prometheus.CounterVec
}

func newMetrics() *metrics {
	m := &metrics{
		reg: prometheus.NewRegistry(),
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "chorus_http_requests_total",
			Help: "HTTP requests by route pattern and status code.",
		}, []string{"route", "code"}),
		duration: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "chorus_http_request_duration_seconds",
			Help:    "HTTP request durations by route pattern.",
			Buckets: []float64{.0005, .001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5},
		}, []string{"route"}),
		reloads: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "chorus_reloads_total",
			Help: "Snapshot reloads run.",
		}),
		reloadsFailed: prometheus.NewCounter(prometheus.CounterOpts{
			Name: "chorus_reloads_failed_total",
			Help: "Reloads that failed or kept last good versions because of errors.",
		}),
		reloadSeconds: prometheus.NewHistogram(prometheus.HistogramOpts{
			Name:    "chorus_reload_duration_seconds",
			Help:    "Time to load and build a new snapshot.",
			Buckets: []float64{.01, .025, .05, .1, .2, .5, 1, 2.5, 5, 10, 30},
		}),
		items: prometheus.NewGauge(prometheus.GaugeOpts{
			Name: "chorus_snapshot_items",
			Help: "Items (id and locale) in the live snapshot.",
		}),
		variants: prometheus.NewGauge(prometheus.GaugeOpts{
			Name: "chorus_snapshot_variants",
			Help: "Variants in the live snapshot.",
		}),
		streams: prometheus.NewGauge(prometheus.GaugeOpts{
			Name: "chorus_event_streams",
			Help: "Open /v1/events streams.",
		}),
		webhookDeliveries: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "chorus_webhook_deliveries_total",
			Help: "Webhook delivery outcomes: delivered, retried, failed, dropped.",
		}, []string{"result"}),
	}
	m.reg.MustRegister(m.requests, m.duration, m.reloads, m.reloadsFailed, m.reloadSeconds,
		m.items, m.variants, m.streams, m.webhookDeliveries,
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	// Every outcome exists from the start at zero, so that rate() and
	// alerts see a series before the first delivery.
	for _, result := range []string{"delivered", "retried", "failed", "dropped"} {
		m.webhookDeliveries.WithLabelValues(result)
	}
	return m
}

// handler serves the registry in the Prometheus text format.
func (m *metrics) handler() http.Handler {
	return promhttp.HandlerFor(m.reg, promhttp.HandlerOpts{})
}
