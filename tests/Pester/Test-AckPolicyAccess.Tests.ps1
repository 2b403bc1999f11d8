# Test-AckPolicyAccess: offline replay of observed activity against candidate documents.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-AckModuleUnderTest
    $script:sbx = Start-AckSandbox
    Connect-AckSandbox $script:sbx

    $script:ProId = 'c5b1e8f2a3d4c6e7f8091a2b3c4d5e6f7'
    $script:ProRole = 'KubernetesWorkerRole-4a9e2f1c-7b3d-4e8a-9c6f-1d2e3f4a5b6c'
    $script:ProPolicy = 'k8sWorkerRolePolicy-4a9e2f1c-7b3d-4e8a-9c6f-1d2e3f4a5b6c'
    $script:Cmd = 'AckHardening.PowerShell.Commands.TestAckPolicyAccessCommand'
    $script:policy = Get-AckWorkerRolePolicy -ClusterId $script:ProId
    $t0 = [datetimeoffset]'2025-03-01T00:00:00Z'
    function New-Activity([string] $Action, [long] $Count = 10, [string] $Role = $script:ProRole, [long] $Denied = 0) {
        [AckHardening.Audit.AckRoleActivity]@{ RoleName = $Role; Action = $Action; Count = $Count; DeniedCount = $Denied; FirstSeen = $t0; LastSeen = $t0.AddDays(20) }
    }
    $script:a = @(
        New-Activity 'ecs:DescribeInstances' 40
        New-Activity 'log:PostLogStoreLogs' 100
        New-Activity 'cr:GetAuthorizationToken' 12
        New-Activity 'ecs:CreateDisk' 0 -Denied 2
        New-Activity 'oss:GetObject' 7 -Role 'AckGpuNodeRole'
    )
    $script:coverage = [AckHardening.Audit.AckActivityCoverage]@{ RoleName = $script:ProRole; Source = 'Sls'; WindowStart = $t0; WindowEnd = $t0.AddDays(30); Days = 30; IsWindowLongEnough = $true }
    $script:narrow = '{"Version":"1","Statement":[{"Effect":"Allow","Action":["ecs:Describe*"],"Resource":"*"}]}'
}
AfterAll { Stop-AckSandbox $script:sbx }

Describe 'Test-AckPolicyAccess' {
    It 'declares its output types' {
        $cmd = Get-Command Test-AckPolicyAccess
        $cmd.OutputType.Name | Should -Contain 'AckHardening.Policy.AckPolicyAccessFinding'
        $cmd.OutputType.Name | Should -Contain 'System.Boolean'
    }

    It 'emits each used action a JSON document would refuse, and only those' {
        $findings = Test-AckPolicyAccess -Document $script:narrow -Activity $script:a
        $findings | ForEach-Object { $_ | Should -BeOfType ([AckHardening.Policy.AckPolicyAccessFinding]) }
        ($findings.Action | Sort-Object) | Should -Be @('cr:GetAuthorizationToken', 'log:PostLogStoreLogs', 'oss:GetObject')
        $findings | ForEach-Object { $_.Decision | Should -Be 'ImplicitDeny'; $_.WouldBreak | Should -BeTrue }
        ($findings | Where-Object Action -eq 'log:PostLogStoreLogs').Count | Should -Be 100
    }

    It 'reports an explicit Deny' {
        $deny = '{"Version":"1","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"},{"Effect":"Deny","Action":"log:Post*","Resource":"*"}]}'
        $f = Test-AckPolicyAccess -Document $deny -Activity $script:a
        $f.Action | Should -Be 'log:PostLogStoreLogs'
        $f.Decision | Should -Be 'Denied'
        $f.StatementIndex | Should -Be 1
    }

    It 'returns one bool with -Quiet' {
        Test-AckPolicyAccess -Document $script:narrow -Activity $script:a -Quiet | Should -BeFalse
        $all = '{"Version":"1","Statement":{"Effect":"Allow","Action":"*","Resource":"*"}}'
        $r = @(Test-AckPolicyAccess -Document $all -Activity $script:a -Quiet)
        $r | Should -HaveCount 1
        $r[0] | Should -BeOfType ([bool])
        $r[0] | Should -BeTrue
        @($all, $script:narrow) | Test-AckPolicyAccess -Activity $script:a -Quiet | Should -BeFalse
    }

    It 'takes a proposal from the pipeline: always safe, and only its role''s activity counts' {
        $rec = $script:policy | Get-AckPolicyRecommendation -Activity $script:a -Coverage $script:coverage -WarningAction SilentlyContinue
        $rec | Test-AckPolicyAccess -Activity $script:a | Should -BeNullOrEmpty
        $rec | Test-AckPolicyAccess -Activity $script:a -Quiet | Should -BeTrue
        $narrowed = $script:policy | Get-AckPolicyRecommendation -Activity $script:a -Coverage $script:coverage -NarrowWildcard -WarningAction SilentlyContinue
        $narrowed | Test-AckPolicyAccess -Activity $script:a -Quiet | Should -BeTrue
    }

    It 'lists allowed actions and fills the policy identity with -IncludeAllowed' {
        $rows = $script:policy | Test-AckPolicyAccess -Activity $script:a -IncludeAllowed
        ($rows.Action | Sort-Object) | Should -Be @('cr:GetAuthorizationToken', 'ecs:DescribeInstances', 'log:PostLogStoreLogs')
        $rows | ForEach-Object { $_.Decision | Should -Be 'Allowed'; $_.PolicyName | Should -Be $script:ProPolicy; $_.RoleName | Should -Be $script:ProRole; $_.ClusterId | Should -Be $script:ProId }
        ($rows | Where-Object Action -eq 'log:PostLogStoreLogs').StatementIndex | Should -Be 3
    }

    It 'takes a PolicyDocument, and -Baseline limits the replay to what the baseline allows' {
        $doc = [AckHardening.Policy.PolicyDocument]::Parse($script:narrow)
        (Test-AckPolicyAccess -Document $doc -Activity $script:a).Count | Should -Be 3
        Test-AckPolicyAccess -Document $doc -Activity $script:a -Baseline '{"Version":"1","Statement":[{"Effect":"Allow","Action":"ecs:*","Resource":"*"}]}' | Should -BeNullOrEmpty
    }

    It 'writes AckPolicyInvalid with the path for malformed JSON, and -Quiet is false' {
        $err = $null
        $q = Test-AckPolicyAccess -Document '{"Version":"1","Statement":[{"Effect":"Allow","Action":"ecs:A","Resource":"*"}' -Activity $script:a -Quiet -ErrorVariable err -ErrorAction SilentlyContinue
        $q | Should -BeFalse
        $err[0].FullyQualifiedErrorId | Should -Be "AckPolicyInvalid,$script:Cmd"
        $err[0].Exception.Message | Should -Match '^The -Document value is not a valid policy document: \$: '
        { Test-AckPolicyAccess -Document '{"Version":"1","Statement":[{"Effect":"Allow","Action":["ecs A"],"Resource":"*"}]}' -Activity $script:a -ErrorAction Stop } |
            Should -Throw -ExpectedMessage '*Statement`[0`].Action`[0`]*' -ErrorId "AckPolicyInvalid,$script:Cmd"
    }

    It 'refuses a document over 6,144 bytes minified' {
        $actions = 1..300 | ForEach-Object { '"ecs:DescribeSomethingWithALongName{0:000}"' -f $_ }
        $big = '{"Version":"1","Statement":[{"Effect":"Allow","Action":[' + ($actions -join ',') + '],"Resource":"*"}]}'
        $big.Length | Should -BeGreaterThan 6144
        { Test-AckPolicyAccess -Document $big -Activity $script:a -ErrorAction Stop } |
            Should -Throw -ExpectedMessage '*6144*' -ErrorId "AckPolicyInvalid,$script:Cmd"
    }

    It 'rejects an input that is not a document' {
        { Test-AckPolicyAccess -Document 42 -Activity $script:a -ErrorAction Stop } | Should -Throw -ErrorId "AckInvalidArgument,$script:Cmd"
    }

    It 'warns that nothing was replayed when there is no successful call' {
        $w = $null
        Test-AckPolicyAccess -Document $script:narrow -Activity @() -WarningVariable w -WarningAction SilentlyContinue | Should -BeNullOrEmpty
        "$w" | Should -Match 'proves nothing'
    }

    It 'formats findings as a table' {
        $text = Test-AckPolicyAccess -Document $script:narrow -Activity $script:a | Format-Table | Out-String -Width 200
        $text | Should -Match 'Action\s+Decision'
        $text | Should -Match 'ImplicitDeny'
    }
}
