package lambdasim

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/aws/aws-lambda-go/events"
	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sqs"
	sqstypes "github.com/aws/aws-sdk-go-v2/service/sqs/types"
)

// SQSSource is an event source mapping from an SQS queue to a function.
// Create one with Service.NewSQSSource.
type SQSSource struct {
	svc       *Service
	client    *sqs.Client
	queueURL  string
	fn        *Function
	batchSize int32

	cancel    context.CancelFunc
	done      sync.WaitGroup
	delivered atomic.Int64
	failed    atomic.Int64
}

// NewSQSSource polls the queue at queueURL with client (long polls of
// ReceiveMessage) until the Service is closed, and invokes fn with each
// batch of up to batchSize messages as an events.SQSEvent, as Lambda's
// pollers do. Each record carries the message's system attributes,
// AWSTraceHeader among them when the producer set it. Every invocation
// starts a new trace. The queue's ARN is derived from its URL.
func (s *Service) NewSQSSource(client *sqs.Client, queueURL string, fn *Function, batchSize int) *SQSSource {
	ctx, cancel := context.WithCancel(context.Background())
	q := &SQSSource{svc: s, client: client, queueURL: queueURL, fn: fn, batchSize: int32(min(max(batchSize, 1), 10)), cancel: cancel}
	q.done.Add(1)
	go q.poll(ctx)
	s.onClose(func() {
		cancel()
		q.done.Wait()
	})
	return q
}

// Delivered counts the messages of the batches the function processed
// without error; Failed those of the batches it failed.
func (q *SQSSource) Delivered() int { return int(q.delivered.Load()) }

// Failed counts the messages of the batches the function failed.
func (q *SQSSource) Failed() int { return int(q.failed.Load()) }

func (q *SQSSource) poll(ctx context.Context) {
	defer q.done.Done()
	for ctx.Err() == nil {
		out, err := q.client.ReceiveMessage(ctx, &sqs.ReceiveMessageInput{
			QueueUrl: &q.queueURL, MaxNumberOfMessages: q.batchSize, WaitTimeSeconds: 1,
			MessageSystemAttributeNames: []sqstypes.MessageSystemAttributeName{sqstypes.MessageSystemAttributeNameAll},
		})
		if err != nil {
			if ctx.Err() == nil {
				fmt.Fprintf(q.svc.out.lines("[sqs poller] "), "ReceiveMessage: %v\n", err)
				sleep(ctx, time.Second)
			}
			continue
		}
		if len(out.Messages) == 0 {
			continue
		}
		event, err := json.Marshal(q.event(out.Messages))
		if err == nil {
			var res Result
			res, err = q.fn.Invoke(ctx, Caller{}, event)
			if err == nil {
				err = batchFailures(res)
			}
		}
		if err != nil {
			q.failed.Add(int64(len(out.Messages)))
			if ctx.Err() == nil {
				fmt.Fprintf(q.svc.out.lines("[sqs poller] "), "%s failed a batch of %d: %v\n", q.fn.Name, len(out.Messages), err)
			}
			continue
		}
		q.delivered.Add(int64(len(out.Messages)))
	}
}

// batchFailures returns the error of a failed invocation, or of a
// response that names batch item failures (the whole batch is counted as
// failed: the queue has no visibility timeout to deliver some again).
func batchFailures(res Result) error {
	if res.Failed {
		return fmt.Errorf("%s", res.Payload)
	}
	var resp events.SQSEventResponse
	if json.Unmarshal(res.Payload, &resp) == nil && len(resp.BatchItemFailures) > 0 {
		return fmt.Errorf("%d batch item failure(s)", len(resp.BatchItemFailures))
	}
	return nil
}

// event is a batch as Lambda hands it to a function.
func (q *SQSSource) event(ms []sqstypes.Message) events.SQSEvent {
	arn := queueARN(q.queueURL, q.svc.cfg.Region)
	e := events.SQSEvent{Records: make([]events.SQSMessage, 0, len(ms))}
	for _, m := range ms {
		e.Records = append(e.Records, events.SQSMessage{
			MessageId: aws.ToString(m.MessageId), ReceiptHandle: aws.ToString(m.ReceiptHandle),
			Body: aws.ToString(m.Body), Md5OfBody: aws.ToString(m.MD5OfBody),
			Attributes:        m.Attributes,
			MessageAttributes: map[string]events.SQSMessageAttribute{},
			EventSource:       "aws:sqs", EventSourceARN: arn, AWSRegion: q.svc.cfg.Region,
		})
	}
	return e
}

// queueARN turns ".../123456789012/name" into
// "arn:aws:sqs:<region>:123456789012:name".
func queueARN(url, region string) string {
	parts := strings.Split(strings.TrimSuffix(url, "/"), "/")
	if len(parts) < 2 {
		return ""
	}
	return fmt.Sprintf("arn:aws:sqs:%s:%s:%s", region, parts[len(parts)-2], parts[len(parts)-1])
}

func sleep(ctx context.Context, d time.Duration) {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
	case <-ctx.Done():
	}
}
