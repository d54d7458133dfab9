package auth

import (
	"fmt"
	"sync"
	"testing"
	"time"
)

// fakeClock is a clock tests move by hand.
type fakeClock struct {
	mu  sync.Mutex
	now time.Time
}

func newFakeClock() *fakeClock {
	return &fakeClock{now: time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)}
}

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *fakeClock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}

func TestThrottle(t *testing.T) {
	t.Parallel()
	type step struct {
		wait    time.Duration
		account string
		addr    string
		fail    bool // record a failure after checking
		succeed bool // record a success after checking
		allowed bool
	}
	tests := []struct {
		name  string
		steps []step
	}{
		{"five failures then a pause", []step{
			{account: "a@x.org", addr: "192.0.2.1:1000", fail: true, allowed: true},
			{account: "a@x.org", addr: "192.0.2.1:1001", fail: true, allowed: true},
			{account: "a@x.org", addr: "192.0.2.1:1002", fail: true, allowed: true},
			{account: "a@x.org", addr: "192.0.2.1:1003", fail: true, allowed: true},
			{account: "a@x.org", addr: "192.0.2.1:1004", fail: true, allowed: true},
			{account: "a@x.org", addr: "192.0.2.1:1005", allowed: false},
			{account: "A@X.org ", addr: "198.51.100.7:1", allowed: false}, // same account from elsewhere, other case
			{account: "b@x.org", addr: "192.0.2.1:1006", allowed: true},   // another account from the same address
			{wait: 29 * time.Second, account: "a@x.org", addr: "192.0.2.1:1", allowed: false},
			{wait: time.Second, account: "a@x.org", addr: "192.0.2.1:1", fail: true, allowed: true},
			{account: "a@x.org", addr: "192.0.2.1:1", allowed: false},
		}},
		{"a right password forgets the account's failures", []step{
			{account: "a@x.org", addr: "192.0.2.1:1", fail: true, allowed: true},
			{account: "a@x.org", addr: "192.0.2.1:1", fail: true, allowed: true},
			{account: "a@x.org", addr: "192.0.2.1:1", fail: true, allowed: true},
			{account: "a@x.org", addr: "192.0.2.1:1", fail: true, allowed: true},
			{account: "a@x.org", addr: "192.0.2.1:1", succeed: true, allowed: true},
			{account: "a@x.org", addr: "192.0.2.1:1", fail: true, allowed: true},
			{account: "a@x.org", addr: "192.0.2.1:1", fail: true, allowed: true},
		}},
		{"successes are not counted", []step{
			{account: "a@x.org", addr: "192.0.2.1:1", succeed: true, allowed: true},
			{account: "a@x.org", addr: "192.0.2.1:1", succeed: true, allowed: true},
			{account: "a@x.org", addr: "192.0.2.1:1", succeed: true, allowed: true},
			{account: "a@x.org", addr: "192.0.2.1:1", succeed: true, allowed: true},
			{account: "a@x.org", addr: "192.0.2.1:1", succeed: true, allowed: true},
			{account: "a@x.org", addr: "192.0.2.1:1", succeed: true, allowed: true},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			clock := newFakeClock()
			th := NewThrottle(DefaultThrottleLimits, clock.Now)
			for i, s := range tt.steps {
				clock.Advance(s.wait)
				if got := th.Allowed(s.account, s.addr); got != s.allowed {
					t.Fatalf("step %d: Allowed(%q, %q) = %v, want %v", i, s.account, s.addr, got, s.allowed)
				}
				if s.fail {
					th.Failed(s.account, s.addr)
				}
				if s.succeed {
					th.Succeeded(s.account)
				}
			}
		})
	}
}

func TestThrottlePerAddress(t *testing.T) {
	t.Parallel()
	clock := newFakeClock()
	th := NewThrottle(DefaultThrottleLimits, clock.Now)
	// Twenty different accounts from one address, which may or may not exist: the address is then paused.
	for i := range 20 {
		account := fmt.Sprintf("guess%d@x.org", i)
		if !th.Allowed(account, "203.0.113.9:5000") {
			t.Fatalf("attempt %d refused, want 20 allowed", i+1)
		}
		th.Failed(account, "203.0.113.9:5000")
	}
	if th.Allowed("guess99@x.org", "203.0.113.9:6000") {
		t.Error("21st attempt from one address allowed")
	}
	if !th.Allowed("guess99@x.org", "203.0.113.10:6000") {
		t.Error("another address refused")
	}
	// IPv6 clients are counted by their /64.
	for i := range 20 {
		th.Failed(fmt.Sprintf("v6-%d@x.org", i), fmt.Sprintf("[2001:db8:1:2::%x]:443", i+1))
	}
	if th.Allowed("v6-new@x.org", "[2001:db8:1:2:ffff::1]:443") {
		t.Error("21st attempt from one IPv6 /64 allowed")
	}
	if !th.Allowed("v6-new@x.org", "[2001:db8:1:3::1]:443") {
		t.Error("another IPv6 /64 refused")
	}
}

func TestThrottleForgetsIdleKeys(t *testing.T) {
	t.Parallel()
	clock := newFakeClock()
	th := NewThrottle(DefaultThrottleLimits, clock.Now)
	for i := range 50 {
		th.Failed(fmt.Sprintf("a%d@x.org", i), fmt.Sprintf("192.0.2.%d:1", i))
	}
	if acc, addr := th.Len(); acc != 50 || addr != 50 {
		t.Fatalf("held %d accounts and %d addresses, want 50 and 50", acc, addr)
	}
	clock.Advance(2 * time.Minute) // every allowance is full again
	th.Allowed("someone@x.org", "192.0.2.200:1")
	if acc, addr := th.Len(); acc != 0 || addr != 0 {
		t.Errorf("after the allowances refilled, held %d accounts and %d addresses, want none", acc, addr)
	}
}

func TestAddressKey(t *testing.T) {
	t.Parallel()
	tests := []struct{ in, want string }{
		{"192.0.2.1:5000", "192.0.2.1"},
		{"192.0.2.1", "192.0.2.1"},
		{"[2001:db8::1]:443", "2001:db8::/64"},
		{"[2001:db8:0:0:aaaa::1]:1", "2001:db8::/64"},
		{"[::ffff:192.0.2.1]:80", "192.0.2.1"},
		{"not an address", "not an address"},
	}
	for _, tt := range tests {
		if got := addressKey(tt.in); got != tt.want {
			t.Errorf("addressKey(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
