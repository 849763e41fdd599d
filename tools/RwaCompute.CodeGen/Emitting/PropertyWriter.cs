using System.Globalization;
using RwaCompute.CodeGen.Model;
using RwaCompute.CodeGen.Naming;

namespace RwaCompute.CodeGen.Emitting;

/// <summary>Writes the <c>[Parameter]</c>-annotated properties every generated class is made of.</summary>
public static class PropertyWriter
{
    /// <summary>Writes the properties, separated by blank lines.</summary>
    /// <param name="writer">The writer.</param>
    /// <param name="properties">The properties.</param>
    /// <param name="documentation">The owning item's NatSpec (for <c>@param</c> texts).</param>
    /// <param name="isEvent">Whether to write the <c>indexed</c> flag (event DTOs).</param>
    public static void Write(CodeWriter writer, IReadOnlyList<PropertyBinding> properties, Documentation documentation, bool isEvent)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(properties);
        for (var i = 0; i < properties.Count; i++)
        {
            var property = properties[i];
            if (i > 0)
            {
                writer.Line();
            }

            writer.Summary(DocText.Property(property, documentation));
            var order = property.Order.ToString(CultureInfo.InvariantCulture);
            var attribute = $"[Parameter(\"{property.Parameter.Type.AttributeName}\", \"{property.Parameter.Name}\", {order}";
            writer.Line(isEvent ? attribute + (property.Parameter.Indexed ? ", true)]" : ", false)]") : attribute + ")]");
            var initializer = property.Initializer is null ? string.Empty : " = " + property.Initializer + ";";
            writer.Line($"public virtual {property.CSharpType} {property.PropertyName} {{ get; set; }}{initializer}");
        }
    }

    /// <summary>The object initializer that fills a message from method arguments:
    /// <c>new T { A = a, B = b }</c>.</summary>
    /// <param name="typeName">The message type.</param>
    /// <param name="properties">The properties to fill from same-named arguments.</param>
    /// <param name="extra">Further assignments, e.g. <c>AmountToSend = amountToSend</c>.</param>
    /// <returns>The expression.</returns>
    public static string Initializer(string typeName, IReadOnlyList<PropertyBinding> properties, params string[] extra)
    {
        ArgumentNullException.ThrowIfNull(properties);
        var assignments = properties.Select(p => p.PropertyName + " = " + p.ArgumentName).Concat(extra).ToList();
        return assignments.Count == 0 ? $"new {typeName}()" : $"new {typeName} {{ {string.Join(", ", assignments)} }}";
    }

    /// <summary>Method parameters for the properties: <c>BigInteger amount, string to</c>.</summary>
    /// <param name="properties">The properties.</param>
    /// <returns>The parameter declarations.</returns>
    public static IEnumerable<string> Arguments(IReadOnlyList<PropertyBinding> properties) =>
        properties.Select(p => p.CSharpType + " " + p.ArgumentName);
}
