using Xunit.Abstractions;
using Xunit.Sdk;

[assembly: TestFramework("Suppuo.Tests.Support.SuppuoTestFramework", "Suppuo.Tests")]

namespace Suppuo.Tests.Support;

/// <summary>
/// xunit as it is, except that every test of a class marked <see cref="NeedsServicesAttribute"/> is reported skipped,
/// with the reason, when those services are not there. A class-level mark lets a test class inherited unchanged from
/// its SQLite original run again on PostgreSQL, where a Fact's own Skip could not tell the two apart.
/// </summary>
public sealed class SuppuoTestFramework(IMessageSink messageSink) : XunitTestFramework(messageSink)
{
    protected override ITestFrameworkDiscoverer CreateDiscoverer(IAssemblyInfo assemblyInfo) =>
        new Discoverer(assemblyInfo, SourceInformationProvider, DiagnosticMessageSink);

    private sealed class Discoverer(IAssemblyInfo assembly, ISourceInformationProvider sourceInformation, IMessageSink diagnostics)
        : XunitTestFrameworkDiscoverer(assembly, sourceInformation, diagnostics)
    {
        protected override bool FindTestsForMethod(ITestMethod testMethod, bool includeSourceInformation, IMessageBus messageBus, ITestFrameworkDiscoveryOptions discoveryOptions)
        {
            var needs = testMethod.TestClass.Class.GetCustomAttributes(typeof(NeedsServicesAttribute)).FirstOrDefault();
            if (needs is null || !testMethod.Method.GetCustomAttributes(typeof(FactAttribute)).Any()
                || TestServices.SkipReason(needs.GetNamedArgument<TestService>(nameof(NeedsServicesAttribute.Services))) is not { } reason)
                return base.FindTestsForMethod(testMethod, includeSourceInformation, messageBus, discoveryOptions);
            var skipped = new XunitSkippedDataRowTestCase(DiagnosticMessageSink, discoveryOptions.MethodDisplayOrDefault(),
                discoveryOptions.MethodDisplayOptionsOrDefault(), testMethod, reason);
            return ReportDiscoveredTestCase(skipped, includeSourceInformation, messageBus);
        }
    }
}
