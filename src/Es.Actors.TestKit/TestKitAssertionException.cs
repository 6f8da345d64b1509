// The failure the test kit raises when an expectation is not met.
using Xunit.Sdk;

namespace Es.Actors.TestKit;

/// <summary>An unmet expectation; its message says what was expected and what (if anything) arrived in which time.</summary>
public class TestKitAssertionException : XunitException
{
    /// <summary>Creates the exception without details.</summary>
    public TestKitAssertionException() : base("Test kit expectation failed.") { }

    /// <summary>Creates the exception with a message.</summary>
    public TestKitAssertionException(string message) : base(message) { }

    /// <summary>Creates the exception with a message and cause.</summary>
    public TestKitAssertionException(string message, Exception innerException) : base(message, innerException) { }
}
