using System.Text.Json;
using Microsoft.Extensions.AI;

namespace Reach.Crm.Copilot.Tools;

/// <summary>An <see cref="AIFunction"/> with a hand-written JSON schema (written for a model to read) and a handler.</summary>
public sealed class CopilotTool(string name, string description, string schema, Func<AIFunctionArguments, CancellationToken, ValueTask<object?>> handler) : AIFunction
{
    private readonly JsonElement _schema = JsonDocument.Parse(schema).RootElement.Clone();

    /// <inheritdoc />
    public override string Name => name;

    /// <inheritdoc />
    public override string Description => description;

    /// <inheritdoc />
    public override JsonElement JsonSchema => _schema;

    /// <inheritdoc />
    protected override ValueTask<object?> InvokeCoreAsync(AIFunctionArguments arguments, CancellationToken cancellationToken) =>
        handler(arguments, cancellationToken);
}
