package awslocal

import (
	"os"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
)

// Static credentials: the stand-in checks no signature, and no real
// credential is ever needed or read.
const (
	AccessKeyID     = "AKIAAWSLOCALEXAMPLE"
	SecretAccessKey = "awslocal-example-secret"
)

// Config returns an aws.Config for clients made in this process: the
// region, static credentials, and the stand-in as BaseEndpoint of every
// service. It reads no file and no environment variable.
func (s *Server) Config() aws.Config {
	return aws.Config{
		Region:       Region,
		Credentials:  credentials.NewStaticCredentialsProvider(AccessKeyID, SecretAccessKey, ""),
		BaseEndpoint: aws.String(s.URL()),
	}
}

// Env returns the environment for a program that calls
// config.LoadDefaultConfig, such as a Lambda function, so that its clients
// talk to the stand-in and nothing else: AWS_ENDPOINT_URL (which the SDK
// turns into BaseEndpoint), the region, static credentials, no shared
// config or credentials file, and no EC2 instance metadata lookups. Append
// it to an environment without other AWS_ variables.
func (s *Server) Env() []string {
	return []string{
		"AWS_ENDPOINT_URL=" + s.URL(),
		"AWS_REGION=" + Region,
		"AWS_DEFAULT_REGION=" + Region,
		"AWS_ACCESS_KEY_ID=" + AccessKeyID,
		"AWS_SECRET_ACCESS_KEY=" + SecretAccessKey,
		"AWS_CONFIG_FILE=" + os.DevNull,
		"AWS_SHARED_CREDENTIALS_FILE=" + os.DevNull,
		"AWS_EC2_METADATA_DISABLED=true",
	}
}
