package awslocal

import (
	"context"
	"sync"
	"sync/atomic"
)

// Invoker invokes a Lambda function with event, as Lambda's asynchronous
// invocation does for SNS, EventBridge and Step Functions. traceHeader is
// the X-Ray header the service passes on (empty: the invocation starts a
// new trace). Package lambdasim's functions are wrapped into one by the
// examples.
type Invoker func(ctx context.Context, traceHeader string, event []byte) error

// Deliveries counts the asynchronous invocations the stand-in made.
type Deliveries struct {
	// Queued counts invocations handed to the delivery queue, Invoked those
	// that returned without error and Failed those that did not.
	Queued, Invoked, Failed uint64
}

// Pending is the number of invocations queued or running.
func (d Deliveries) Pending() uint64 { return d.Queued - d.Invoked - d.Failed }

// maxQueued bounds the deliveries waiting: a Publish or PutEvents waits
// for room rather than dropping one.
const maxQueued = 4096

// deliveryWorkers is how many invocations run at once (each function
// still runs one at a time: it has one execution environment).
const deliveryWorkers = 8

type delivery struct {
	invoke Invoker
	header string
	event  []byte
}

// deliverer runs asynchronous invocations on a few goroutines.
type deliverer struct {
	queue  chan delivery
	ctx    context.Context
	cancel context.CancelFunc
	wg     sync.WaitGroup

	queued, invoked, failed atomic.Uint64
	onFail                  func(error)
}

func newDeliverer() *deliverer {
	ctx, cancel := context.WithCancel(context.Background())
	d := &deliverer{queue: make(chan delivery, maxQueued), ctx: ctx, cancel: cancel}
	for range deliveryWorkers {
		d.wg.Add(1)
		go d.work()
	}
	return d
}

func (d *deliverer) work() {
	defer d.wg.Done()
	for {
		select {
		case <-d.ctx.Done():
			return
		case job := <-d.queue:
			if err := job.invoke(d.ctx, job.header, job.event); err != nil {
				d.failed.Add(1)
				if d.onFail != nil && d.ctx.Err() == nil {
					d.onFail(err)
				}
				continue
			}
			d.invoked.Add(1)
		}
	}
}

// enqueue queues an invocation, waiting for room; it returns false when
// the stand-in is closing (or ctx is done) first.
func (d *deliverer) enqueue(ctx context.Context, invoke Invoker, header string, event []byte) bool {
	d.queued.Add(1)
	select {
	case d.queue <- delivery{invoke, header, event}:
		return true
	case <-ctx.Done():
	case <-d.ctx.Done():
	}
	d.failed.Add(1)
	return false
}

func (d *deliverer) stats() Deliveries {
	// invoked and failed first: Pending never goes below zero.
	inv, failed := d.invoked.Load(), d.failed.Load()
	return Deliveries{Queued: d.queued.Load(), Invoked: inv, Failed: failed}
}

func (d *deliverer) close() {
	d.cancel()
	d.wg.Wait()
}
