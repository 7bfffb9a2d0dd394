package embedded

import (
	"context"
	"errors"
	"fmt"
	"time"

	"go.temporal.io/api/enums/v1"
	"go.temporal.io/api/operatorservice/v1"
	"go.temporal.io/api/serviceerror"
	"go.temporal.io/api/workflowservice/v1"
	"go.temporal.io/sdk/client"
	"google.golang.org/protobuf/types/known/durationpb"
)

// Prepare makes a namespace ready for dossiers, on the embedded server or an
// external cluster: it registers the namespace on a fresh cluster, sets the
// retention (a closed dossier's history must
// outlive the dev server's 24 hours) and adds the search attributes through
// the operator service, because attributes given at start-up are ignored
// for an existing database. Both steps are idempotent.
func Prepare(ctx context.Context, c client.Client, namespace string, retention time.Duration, attrs map[string]enums.IndexedValueType) error {
	ns := c.WorkflowService()
	desc, err := ns.DescribeNamespace(ctx, &workflowservice.DescribeNamespaceRequest{Namespace: namespace})
	var missing *serviceerror.NamespaceNotFound
	if errors.As(err, &missing) {
		_, err = ns.RegisterNamespace(ctx, &workflowservice.RegisterNamespaceRequest{Namespace: namespace,
			Description: "motcua's dossiers", WorkflowExecutionRetentionPeriod: durationpb.New(retention)})
		var exists *serviceerror.NamespaceAlreadyExists
		if err != nil && !errors.As(err, &exists) {
			return fmt.Errorf("register namespace %s: %w", namespace, err)
		}
		desc, err = ns.DescribeNamespace(ctx, &workflowservice.DescribeNamespaceRequest{Namespace: namespace})
	}
	if err != nil {
		return fmt.Errorf("describe namespace %s: %w", namespace, err)
	}
	if desc.GetConfig().GetWorkflowExecutionRetentionTtl().AsDuration() != retention {
		cfg := desc.GetConfig()
		cfg.WorkflowExecutionRetentionTtl = durationpb.New(retention)
		if _, err := ns.UpdateNamespace(ctx, &workflowservice.UpdateNamespaceRequest{Namespace: namespace, Config: cfg}); err != nil {
			return fmt.Errorf("set retention of %s: %w", namespace, err)
		}
	}
	op := c.OperatorService()
	have, err := op.ListSearchAttributes(ctx, &operatorservice.ListSearchAttributesRequest{Namespace: namespace})
	if err != nil {
		return fmt.Errorf("list search attributes: %w", err)
	}
	absent := map[string]enums.IndexedValueType{}
	for name, t := range attrs {
		if _, ok := have.GetCustomAttributes()[name]; !ok {
			absent[name] = t
		}
	}
	if len(absent) == 0 {
		return nil
	}
	_, err = op.AddSearchAttributes(ctx, &operatorservice.AddSearchAttributesRequest{Namespace: namespace, SearchAttributes: absent})
	var exists *serviceerror.AlreadyExists
	if err != nil && !errors.As(err, &exists) {
		return fmt.Errorf("add search attributes: %w", err)
	}
	return nil
}
