package auth

import (
	"net"
	"strings"
	"sync"
	"time"

	"golang.org/x/time/rate"
)

// ThrottleLimits say how many failed sign-ins are allowed before a pause, per account and per client address.
type ThrottleLimits struct {
	AccountBurst int           // failures allowed at once for one email address
	AccountEvery time.Duration // one more failure allowed after each interval
	AddressBurst int           // failures allowed at once from one client address
	AddressEvery time.Duration
}

// DefaultThrottleLimits: 5 failures per email address, then one more every 30 seconds; 20 from one address, then
// one more every 10 seconds. Guessing even a weak password at that rate takes years; a person who mistypes is
// barely slowed.
var DefaultThrottleLimits = ThrottleLimits{AccountBurst: 5, AccountEvery: 30 * time.Second, AddressBurst: 20, AddressEvery: 10 * time.Second}

// Throttle counts failed sign-ins per account and per client address. It treats an email address with no account
// exactly as one with an account, so throttling never tells anyone which addresses exist. Keys whose allowance
// has filled up again are forgotten, so the maps stay small.
type Throttle struct {
	clock     func() time.Time
	limits    ThrottleLimits
	mu        sync.Mutex
	accounts  map[string]*rate.Limiter
	addresses map[string]*rate.Limiter
	lastSweep time.Time
}

// sweepEvery is how often idle keys are looked for.
const sweepEvery = time.Minute

// NewThrottle returns a throttle reading the time from clock (time.Now when nil).
func NewThrottle(limits ThrottleLimits, clock func() time.Time) *Throttle {
	if clock == nil {
		clock = time.Now
	}
	return &Throttle{clock: clock, limits: limits, accounts: map[string]*rate.Limiter{}, addresses: map[string]*rate.Limiter{}}
}

// Allowed reports whether another sign-in may be tried for this account from this address now. It does not use
// up an attempt: only Failed does.
func (t *Throttle) Allowed(account, addr string) bool {
	t.mu.Lock()
	defer t.mu.Unlock()
	now := t.clock()
	t.sweep(now)
	if l, ok := t.accounts[throttleKey(account)]; ok && l.TokensAt(now) < 1 {
		return false
	}
	if l, ok := t.addresses[addressKey(addr)]; ok && l.TokensAt(now) < 1 {
		return false
	}
	return true
}

// Failed records a failed sign-in for the account and the address.
func (t *Throttle) Failed(account, addr string) {
	t.mu.Lock()
	defer t.mu.Unlock()
	now := t.clock()
	take(t.accounts, throttleKey(account), rate.Every(t.limits.AccountEvery), t.limits.AccountBurst, now)
	take(t.addresses, addressKey(addr), rate.Every(t.limits.AddressEvery), t.limits.AddressBurst, now)
}

// Succeeded forgets the account's failures once someone signs in to it with the right password.
func (t *Throttle) Succeeded(account string) {
	t.mu.Lock()
	defer t.mu.Unlock()
	delete(t.accounts, throttleKey(account))
}

// allowedKey and failedKey throttle a key on its own, with the per-account limits: two-factor codes are counted
// per member of staff, whatever the address.
func (t *Throttle) allowedKey(key string) bool {
	t.mu.Lock()
	defer t.mu.Unlock()
	l, ok := t.accounts[key]
	return !ok || l.TokensAt(t.clock()) >= 1
}

func (t *Throttle) failedKey(key string) {
	t.mu.Lock()
	defer t.mu.Unlock()
	take(t.accounts, key, rate.Every(t.limits.AccountEvery), t.limits.AccountBurst, t.clock())
}

// Len returns how many account and address keys are held, for tests of eviction.
func (t *Throttle) Len() (accounts, addresses int) {
	t.mu.Lock()
	defer t.mu.Unlock()
	return len(t.accounts), len(t.addresses)
}

func take(m map[string]*rate.Limiter, key string, every rate.Limit, burst int, now time.Time) {
	l, ok := m[key]
	if !ok {
		l = rate.NewLimiter(every, burst)
		m[key] = l
	}
	l.AllowN(now, 1)
}

// sweep forgets keys whose allowance is full again: they hold nothing a fresh limiter would not.
func (t *Throttle) sweep(now time.Time) {
	if now.Sub(t.lastSweep) < sweepEvery {
		return
	}
	t.lastSweep = now
	for _, m := range []map[string]*rate.Limiter{t.accounts, t.addresses} {
		for k, l := range m {
			if l.TokensAt(now) >= float64(l.Burst()) {
				delete(m, k)
			}
		}
	}
}

func throttleKey(account string) string { return strings.ToLower(strings.TrimSpace(account)) }

// addressKey is the client's IP address without the port. IPv6 clients are keyed by their /64, as one household
// or device usually has a whole /64 to choose from.
func addressKey(addr string) string {
	host := addr
	if h, _, err := net.SplitHostPort(addr); err == nil {
		host = h
	}
	ip := net.ParseIP(host)
	if ip == nil {
		return host
	}
	if ip.To4() == nil {
		return ip.Mask(net.CIDRMask(64, 128)).String() + "/64"
	}
	return ip.String()
}
