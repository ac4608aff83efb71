package classify

import (
	"math"
	"slices"
)

// Doc is one training example: a text's features (see Features) and its label.
type Doc struct {
	Features []Feature
	Label    string
}

// Model is a multinomial naive Bayes over binary features with Laplace
// smoothing (alpha 1). Its scores are divided by a temperature fitted on
// held-out training cases before the softmax, so that "87 %" means about
// 87 % right: plain naive Bayes multiplies many dependent bigram likelihoods
// and says 99.9 % far too often.
type Model struct {
	Labels []string // sorted
	Counts []int    // training cases per label
	Temp   float64  // the fitted temperature, ≥ 1: Posterior's softmax

	// The confidence of a prediction, learned on held-out cases (see
	// calibrate): upper margins of the blocks, and how often the top label
	// was right in each. Empty: the tempered posterior is the confidence.
	calMargin, calRight []float64

	logPrior []float64
	vocab    map[Feature]int32
	logLik   []float64 // feature id × len(Labels): log P(feature | label)
}

// temps is the temperature grid the fit tries.
var temps = []float64{1, 1.5, 2, 3, 4, 6, 8, 12, 16, 24, 32, 48}

// Train builds a model from docs. Labels with fewer than minPerLabel cases
// are left out (a label seen twice cannot be learned, only guessed); with
// fewer than two labels left there is nothing to choose between and Train
// returns nil.
func Train(docs []Doc, minPerLabel int) *Model {
	m := trainRaw(docs, minPerLabel)
	if m == nil {
		return nil
	}
	if hm, held := holdOut(docs, minPerLabel); hm != nil {
		m.Temp = fitTemp(hm, held)
		m.calMargin, m.calRight = calibrate(hm, held)
	}
	return m
}

func trainRaw(docs []Doc, minPerLabel int) *Model {
	perLabel := map[string]int{}
	for _, d := range docs {
		perLabel[d.Label]++
	}
	var labels []string
	for l, n := range perLabel {
		if l != "" && n >= max(1, minPerLabel) {
			labels = append(labels, l)
		}
	}
	if len(labels) < 2 {
		return nil
	}
	slices.Sort(labels)
	k := len(labels)
	index := make(map[string]int, k)
	for i, l := range labels {
		index[l] = i
	}
	m := &Model{Labels: labels, Counts: make([]int, k), Temp: 1, vocab: map[Feature]int32{}}
	var counts []int32 // feature id × k
	total := make([]int, k)
	for _, d := range docs {
		li, ok := index[d.Label]
		if !ok {
			continue
		}
		m.Counts[li]++
		for _, f := range d.Features {
			id, ok := m.vocab[f]
			if !ok {
				id = int32(len(m.vocab))
				m.vocab[f] = id
				counts = append(counts, make([]int32, k)...)
			}
			counts[int(id)*k+li]++
			total[li]++
		}
	}
	n := 0
	for _, c := range m.Counts {
		n += c
	}
	m.logPrior = make([]float64, k)
	for i, c := range m.Counts {
		m.logPrior[i] = math.Log(float64(c) / float64(n))
	}
	v := float64(len(m.vocab))
	denom := make([]float64, k)
	for i := range denom {
		denom[i] = math.Log(float64(total[i]) + v)
	}
	m.logLik = make([]float64, len(counts))
	for i, c := range counts {
		m.logLik[i] = math.Log(float64(c)+1) - denom[i%k]
	}
	return m
}

// scores are the unnormalised log posteriors of each label. Features the
// model never saw are skipped; the sum runs in the order of the sorted
// features, so the result does not depend on map order.
func (m *Model) scores(features []Feature) []float64 {
	k := len(m.Labels)
	s := slices.Clone(m.logPrior)
	for _, f := range features {
		id, ok := m.vocab[f]
		if !ok {
			continue
		}
		row := m.logLik[int(id)*k : int(id)*k+k]
		for i := range s {
			s[i] += row[i]
		}
	}
	return s
}

// Posterior is the probability of each label (in the order of Labels).
func (m *Model) Posterior(features []Feature) []float64 {
	return softmax(m.scores(features), m.Temp)
}

// Predict returns the most probable label and the confidence in it; ties
// go to the first label in sorted order. The confidence is how often the
// top label was right, on held-out cases, for predictions with the same
// lead over the runner-up (see calibrate); without enough held-out cases, the
// tempered posterior.
func (m *Model) Predict(features []Feature) (string, float64) {
	s := m.scores(features)
	best, second := top2(s)
	if len(m.calMargin) > 0 {
		return m.Labels[best], m.calibrated(s[best] - s[second])
	}
	return m.Labels[best], softmax(s, m.Temp)[best]
}

func top2(s []float64) (int, int) {
	best, second := 0, 1
	if s[1] > s[0] {
		best, second = 1, 0
	}
	for i := 2; i < len(s); i++ {
		switch {
		case s[i] > s[best]:
			best, second = i, best
		case s[i] > s[second]:
			second = i
		}
	}
	return best, second
}

func (m *Model) calibrated(margin float64) float64 {
	i, _ := slices.BinarySearch(m.calMargin, margin)
	if i >= len(m.calRight) {
		i = len(m.calRight) - 1
	}
	return m.calRight[i]
}

// calibrate learns what a lead of the top label over the runner-up means:
// a model trained on four fifths of the cases predicts the rest, and the
// held-out predictions, in order of their lead, are pooled into blocks whose
// share of right answers never falls as the lead grows (isotonic regression
// by pool-adjacent-violators). Naive Bayes' own posterior, which treats
// overlapping character pairs as independent evidence, says 99 % where 70 %
// is true; a global temperature fixes the average but makes a clear text look
// as doubtful as a vague one. Each block is smoothed towards one half by one
// case either way, so a small block never claims 100 %.
func calibrate(m *Model, held []Doc) (margins, right []float64) {
	type point struct {
		margin float64
		ok     bool
	}
	pts := make([]point, 0, len(held))
	for _, d := range held {
		if len(d.Features) == 0 {
			continue
		}
		s := m.scores(d.Features)
		b, r := top2(s)
		pts = append(pts, point{s[b] - s[r], m.Labels[b] == d.Label})
	}
	slices.SortStableFunc(pts, func(a, b point) int {
		switch {
		case a.margin < b.margin:
			return -1
		case a.margin > b.margin:
			return 1
		}
		return 0
	})
	type block struct {
		hi       float64
		n, right int
	}
	rate := func(b block) float64 { return (float64(b.right) + 1) / (float64(b.n) + 2) }
	var bs []block
	for _, p := range pts {
		b := block{hi: p.margin, n: 1}
		if p.ok {
			b.right = 1
		}
		bs = append(bs, b)
		for len(bs) > 1 && rate(bs[len(bs)-2]) >= rate(bs[len(bs)-1]) {
			last := bs[len(bs)-1]
			bs = bs[:len(bs)-1]
			bs[len(bs)-1].hi = last.hi
			bs[len(bs)-1].n += last.n
			bs[len(bs)-1].right += last.right
		}
	}
	for _, b := range bs {
		margins = append(margins, b.hi)
		right = append(right, rate(b))
	}
	return margins, right
}

// Vocabulary is the number of distinct features the model learned.
func (m *Model) Vocabulary() int { return len(m.vocab) }

func softmax(s []float64, temp float64) []float64 {
	out := make([]float64, len(s))
	hi := math.Inf(-1)
	for _, v := range s {
		hi = max(hi, v)
	}
	sum := 0.0
	for i, v := range s {
		out[i] = math.Exp((v - hi) / temp)
		sum += out[i]
	}
	for i := range out {
		out[i] /= sum
	}
	return out
}

// holdOut trains a model on four fifths of the cases (chosen by a hash of
// their features, so not by their order) and returns it with the fifth held
// out; nil with fewer than 50 to hold out.
func holdOut(docs []Doc, minPerLabel int) (*Model, []Doc) {
	var train, held []Doc
	for _, d := range docs {
		if hashFeatures(d.Features)%5 == 4 {
			held = append(held, d)
		} else {
			train = append(train, d)
		}
	}
	if len(held) < 50 {
		return nil, nil
	}
	return trainRaw(train, minPerLabel), held
}

// fitTemp picks the temperature with the smallest log loss on the held-out
// cases, for Posterior.
func fitTemp(m *Model, held []Doc) float64 {
	type scored struct {
		s     []float64
		label int
	}
	var hs []scored
	for _, d := range held {
		if li, ok := slices.BinarySearch(m.Labels, d.Label); ok {
			hs = append(hs, scored{m.scores(d.Features), li})
		}
	}
	if len(hs) == 0 {
		return 1
	}
	best, bestLoss := 1.0, math.Inf(1)
	for _, t := range temps {
		loss := 0.0
		for _, h := range hs {
			p := softmax(h.s, t)[h.label]
			loss -= math.Log(max(p, 1e-12))
		}
		if loss < bestLoss-1e-9 {
			best, bestLoss = t, loss
		}
	}
	return best
}
