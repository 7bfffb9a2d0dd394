// Package activitiestest provides in-memory versions of the activities'
// dependencies for tests: a store, a document store, a simulated payment
// gateway and a notifier that remembers what it sent. They keep the
// idempotency the real ones promise, so tests can count duplicates.
package activitiestest

import (
	"context"
	"fmt"
	"sort"
	"sync"

	"github.com/motcua/motcua/model"
	"github.com/motcua/motcua/money"
)

// Store keeps projections and timelines in memory.
type Store struct {
	// Outbox, when set, receives the notices milestones carry, as the
	// real store queues them in the milestone's own write.
	Outbox *Notifier
	// Shelf, when set, receives the results milestones publish, as the
	// real store keeps them in the milestone's own write.
	Shelf      *Documents
	mu         sync.Mutex
	dossiers   map[string]model.Projection
	timelines  map[string]map[int]model.Event
	Duplicates int            // writes that repeated an event already recorded
	registered map[string]int // "dossier/kind/number" → its number in the register
	registers  map[string]int // "unit/year/kind" → the last number given
}

// NewStore returns an empty store.
func NewStore() *Store {
	return &Store{dossiers: map[string]model.Projection{}, timelines: map[string]map[int]model.Event{},
		registered: map[string]int{}, registers: map[string]int{}}
}

// Register numbers a paper in its unit's register, once.
func (s *Store) Register(_ context.Context, unit string, year int, kind, dossier string, number int) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	paper := fmt.Sprintf("%s/%s/%d", dossier, kind, number)
	if n, ok := s.registered[paper]; ok {
		return n, nil
	}
	book := fmt.Sprintf("%s/%d/%s", unit, year, kind)
	s.registers[book]++
	s.registered[paper] = s.registers[book]
	return s.registers[book], nil
}

// Record upserts the projection and appends the event once.
func (s *Store) Record(_ context.Context, m model.Milestone) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	code := m.Dossier.Code
	s.dossiers[code] = m.Dossier
	if s.timelines[code] == nil {
		s.timelines[code] = map[int]model.Event{}
	}
	if _, dup := s.timelines[code][m.Event.Seq]; dup {
		s.Duplicates++
		return nil
	}
	s.timelines[code][m.Event.Seq] = m.Event
	if s.Outbox != nil {
		for _, n := range m.Notices {
			_ = s.Outbox.Notify(context.Background(), n)
		}
	}
	if s.Shelf != nil && m.Publish != nil {
		_ = s.Shelf.Put(context.Background(), *m.Publish)
	}
	return nil
}

// Dossier returns a projection.
func (s *Store) Dossier(code string) (model.Projection, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	d, ok := s.dossiers[code]
	return d, ok
}

// Timeline returns a dossier's events in order.
func (s *Store) Timeline(code string) []model.Event {
	s.mu.Lock()
	defer s.mu.Unlock()
	var out []model.Event
	for _, e := range s.timelines[code] {
		out = append(out, e)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Seq < out[j].Seq })
	return out
}

// Documents is a citizens' document store in memory.
type Documents struct {
	mu     sync.Mutex
	docs   map[string]model.Document
	reuses map[string]bool
}

// NewDocuments returns a store holding docs.
func NewDocuments(docs ...model.Document) *Documents {
	d := &Documents{docs: map[string]model.Document{}, reuses: map[string]bool{}}
	for _, doc := range docs {
		d.docs[doc.ID] = doc
	}
	return d
}

// Get returns a document.
func (d *Documents) Get(_ context.Context, id string) (model.Document, error) {
	d.mu.Lock()
	defer d.mu.Unlock()
	doc, ok := d.docs[id]
	if !ok {
		return model.Document{}, fmt.Errorf("document %s: not found", id)
	}
	return doc, nil
}

// CountReuse counts a reuse once per (document, dossier, component).
func (d *Documents) CountReuse(_ context.Context, id, dossier, component string) error {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.reuses[id+"|"+dossier+"|"+component] = true
	return nil
}

// Reuses returns how many distinct reuses a document has had.
func (d *Documents) Reuses(id string) int {
	d.mu.Lock()
	defer d.mu.Unlock()
	n := 0
	for k := range d.reuses {
		if len(k) > len(id) && k[:len(id)+1] == id+"|" {
			n++
		}
	}
	return n
}

// Put stores a document once.
func (d *Documents) Put(_ context.Context, doc model.Document) error {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.docs[doc.ID] = doc
	return nil
}

// Gateway simulates the payment gateway's refunds: one refund per key, as a
// real gateway's idempotency keys promise.
type Gateway struct {
	mu      sync.Mutex
	Refunds map[string]money.VND // by key
	Calls   int
}

// NewGateway returns a gateway that has refunded nothing.
func NewGateway() *Gateway { return &Gateway{Refunds: map[string]money.VND{}} }

// Refund refunds once per key.
func (g *Gateway) Refund(_ context.Context, key, txID string, amount money.VND) (string, error) {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.Calls++
	g.Refunds[key] = amount
	return "refund-" + txID, nil
}

// Notifier remembers notices, once per key.
type Notifier struct {
	mu   sync.Mutex
	Sent map[string]model.Notice
}

// NewNotifier returns a notifier that has sent nothing.
func NewNotifier() *Notifier { return &Notifier{Sent: map[string]model.Notice{}} }

// Notify remembers the notice.
func (n *Notifier) Notify(_ context.Context, notice model.Notice) error {
	n.mu.Lock()
	defer n.mu.Unlock()
	n.Sent[notice.Key] = notice
	return nil
}

// Kinds returns the kinds of notices sent to a dossier.
func (n *Notifier) Kinds(dossier string) map[string]int {
	n.mu.Lock()
	defer n.mu.Unlock()
	out := map[string]int{}
	for _, s := range n.Sent {
		if s.Dossier == dossier {
			out[s.Kind]++
		}
	}
	return out
}
