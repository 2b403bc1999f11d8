using AckHardening.Sandbox.Pipeline;

namespace AckHardening.Sandbox.Services.ActionTrail;

/// <summary>
/// ActionTrail error codes. TrailAlreadyExistsException (and its message form), MissingParameter and
/// InvalidParameterValue appear in ActionTrail's own API pages (2017-12-04 CreateTrail sample error; common codes);
/// InvalidTrailNameException and TrailNotFoundException follow the same naming but were only seen in a clone of the
/// API, so they and all HTTP statuses here are UNVERIFIED.
/// </summary>
public static class ActionTrailErrors
{
    public static ApiException Missing(string name) => new(400, "MissingParameter", $"The input parameter \"{name}\" that is mandatory for processing this request is not supplied.");

    public static ApiException Invalid(string name, string detail) => new(400, "InvalidParameterValue", $"The parameter {name} is invalid. {detail}");

    public static ApiException InvalidName(string name) => new(400, "InvalidTrailNameException",
        $"Trail name '{name}' is invalid: it must be 6 to 36 characters, start with a lowercase letter and contain only lowercase letters, digits, '-' and '_'.");

    public static ApiException NotFound(string name) => new(400, "TrailNotFoundException", $"Unknown trail: {name}");
}
