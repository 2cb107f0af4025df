using Streams.Auditor;
using Streams.Egress;
using Streams.Host.DemoReceiver;
using Streams.Ingest;
using Streams.Ingest.Receipts;
using Streams.Normaliser;
using Streams.Retrier;
using Streams.SchemaRegistry;
using Streams.Ui;

namespace Streams.Host;

/// <summary>Every role the host can run, in the order they are composed; adding a role is adding a line here.</summary>
internal static class RoleModules
{
    private static readonly RoleModule[] All =
    [
        new(Role.Ingest, services => services.AddIngest(), endpoints => endpoints.MapIngest()),
        new(Role.Receipts, services => services.AddReceiptLookup(), endpoints => endpoints.MapReceiptLookup()),
        new(Role.Normaliser, services => services.AddNormaliser(), _ => { }),
        new(Role.Egress, services => services.AddEgress(), _ => { }),
        new(Role.Retrier, services => services.AddRetrier(), _ => { }),
        new(Role.Auditor, services => services.AddAuditor(), endpoints => endpoints.MapAuditor()),
        new(Role.SchemaRegistry, services => services.AddSchemaRegistry(), endpoints => endpoints.MapSchemaRegistry()),
        new(Role.DemoReceiver, _ => { }, endpoints => endpoints.MapDemoReceiver()),
        new(Role.Ui, services => services.AddUi(), endpoints => endpoints.MapUi()),
    ];

    /// <summary>The modules of the roles chosen.</summary>
    public static IReadOnlyList<RoleModule> For(Role roles) => [.. All.Where(module => roles.HasFlag(module.Role))];
}
