namespace Reach.Crm.Segmentation.Dsl;

/// <summary>What is wrong with a definition, and where.</summary>
/// <param name="Path">JSON path from the root, e.g. <c>conditions[1].op</c>.</param>
/// <param name="Message">What was given and what is allowed.</param>
public sealed record SegmentValidationError(string Path, string Message)
{
    /// <inheritdoc />
    public override string ToString() => $"{Path}: {Message}";
}

/// <summary>A definition failed validation; nothing of it reached SQL.</summary>
public sealed class SegmentDefinitionException(IReadOnlyList<SegmentValidationError> errors)
    : Exception(string.Join("; ", errors.Select(e => e.ToString())))
{
    /// <summary>Every error found.</summary>
    public IReadOnlyList<SegmentValidationError> Errors { get; } = errors;
}
