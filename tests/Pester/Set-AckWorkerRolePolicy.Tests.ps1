# Set-AckWorkerRolePolicy against the default sandbox scenario: validation, backup before any write, version slots,
# -WhatIf, and idempotence under throttling, lost answers and reruns.
BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestHelpers.psm1') -Force
    Import-AckModuleUnderTest
    $script:sbx = Start-AckSandbox
    Connect-AckSandbox $script:sbx

    $script:ProId = 'c5b1e8f2a3d4c6e7f8091a2b3c4d5e6f7'
    $script:ProRole = 'KubernetesWorkerRole-4a9e2f1c-7b3d-4e8a-9c6f-1d2e3f4a5b6c'
    $script:ProPolicy = 'k8sWorkerRolePolicy-4a9e2f1c-7b3d-4e8a-9c6f-1d2e3f4a5b6c'
    $script:Small = '{"Version":"1","Statement":[{"Effect":"Allow","Action":["ecs:DescribeInstances","log:GetProject"],"Resource":"*"}]}'
    $script:Other = '{"Version":"1","Statement":[{"Effect":"Allow","Action":["ecs:DescribeInstances"],"Resource":"*"}]}'
    $script:ErrId = { param($id) "$id,AckHardening.PowerShell.Commands.SetAckWorkerRolePolicyCommand" }

    function New-BackupDir { (New-Item -ItemType Directory -Path (Join-Path ([IO.Path]::GetTempPath()) ("ack-set-" + [guid]::NewGuid()))).FullName }
    function Get-Writes { @(Get-AckSandboxRequest $script:sbx | Where-Object isWrite) }
    function Get-Versions([string] $Policy, [string] $Role) {
        # A backup lists every version: the simplest public way to count them.
        $d = New-BackupDir
        Backup-AckWorkerRolePolicy -PolicyName $Policy -RoleName $Role -Path $d
    }
}
AfterAll { Stop-AckSandbox $script:sbx }

Describe 'Set-AckWorkerRolePolicy' {
    BeforeEach {
        Reset-AckSandbox $script:sbx
        Clear-AckSandboxFault $script:sbx
        Clear-AckSandboxRequest $script:sbx
        $script:dir = New-BackupDir
    }

    It 'is declared as a high-impact change with its output type' {
        $cmd = Get-Command Set-AckWorkerRolePolicy
        $cmd.OutputType.Name | Should -Contain 'AckHardening.Policy.AckPolicyChangeResult'
        $attr = $cmd.ImplementingType.GetCustomAttributes([System.Management.Automation.CmdletAttribute], $false)[0]
        $attr.SupportsShouldProcess | Should -BeTrue
        $attr.ConfirmImpact | Should -Be 'High'
        $cmd.Parameters.BackupPath.Attributes.Where({ $_ -is [System.Management.Automation.ParameterAttribute] }).Mandatory | Should -Contain $true
    }

    It 'backs up, then creates one default version with the new document' {
        $r = Set-AckWorkerRolePolicy -PolicyName $script:ProPolicy -RoleName $script:ProRole -ClusterId $script:ProId -Document $script:Small -BackupPath $script:dir -Confirm:$false -PassThru
        $r | Should -BeOfType ([AckHardening.Policy.AckPolicyChangeResult])
        $r.Changed | Should -BeTrue
        $r.PreviousDefaultVersion | Should -Be 'v2'
        $r.DefaultVersion | Should -Be 'v3'
        $r.ClusterId | Should -Be $script:ProId
        Test-Path -LiteralPath $r.BackupPath | Should -BeTrue
        $saved = Get-Content -Raw -LiteralPath $r.BackupPath | ConvertFrom-Json
        $saved.Content.DefaultVersion | Should -Be 'v2'
        $saved.Content.Versions.VersionId | Should -Be @('v1', 'v2')
        $saved.Content.PlannedDocument.Statement[0].Action | Should -Be @('ecs:DescribeInstances', 'log:GetProject')

        $now = Get-AckWorkerRolePolicy -RoleName $script:ProRole
        $now.DefaultVersion | Should -Be 'v3'
        $now.Document.ToJson() | Should -Be ([AckHardening.Policy.PolicyDocument]::Parse($script:Small).ToJson())

        $writes = Get-Writes
        $writes.action | Should -Be @('CreatePolicyVersion')
    }

    It '-WhatIf sends no write and writes no backup' {
        Set-AckWorkerRolePolicy -PolicyName $script:ProPolicy -RoleName $script:ProRole -Document $script:Small -BackupPath $script:dir -WhatIf
        Get-Writes | Should -HaveCount 0
        @(Get-ChildItem -LiteralPath $script:dir) | Should -HaveCount 0
    }

    It 'makes no call and no backup when the default already holds the document' {
        $doc = (Get-AckWorkerRolePolicy -RoleName $script:ProRole).DocumentJson
        $r = Set-AckWorkerRolePolicy -PolicyName $script:ProPolicy -RoleName $script:ProRole -Document $doc -BackupPath $script:dir -Confirm:$false -PassThru
        $r.Changed | Should -BeFalse
        $r.DefaultVersion | Should -Be 'v2'
        Get-Writes | Should -HaveCount 0
        @(Get-ChildItem -LiteralPath $script:dir) | Should -HaveCount 0
    }

    It 'a rerun creates no second version' {
        Set-AckWorkerRolePolicy -PolicyName $script:ProPolicy -RoleName $script:ProRole -Document $script:Small -BackupPath $script:dir -Confirm:$false
        $r = Set-AckWorkerRolePolicy -PolicyName $script:ProPolicy -RoleName $script:ProRole -Document $script:Small -BackupPath $script:dir -Confirm:$false -PassThru
        $r.Changed | Should -BeFalse
        (Get-Versions $script:ProPolicy $script:ProRole).VersionIds | Should -Be @('v1', 'v2', 'v3')
        @(Get-AckSandboxRequest $script:sbx -Action CreatePolicyVersion) | Should -HaveCount 1
    }

    It 'switches back to an existing version that holds the document instead of creating one' {
        $v1 = '{"Version":"1","Statement":[{"Action":["ecs:AttachDisk","ecs:DetachDisk","ecs:DescribeDisks","ecs:CreateDisk","ecs:CreateSnapshot","ecs:DeleteDisk","ecs:CreateNetworkInterface","ecs:DescribeNetworkInterfaces","ecs:AttachNetworkInterface","ecs:AssignPrivateIpAddresses","ecs:DetachNetworkInterface","ecs:DeleteNetworkInterface","ecs:DescribeInstanceAttribute"],"Effect":"Allow","Resource":["*"]},{"Action":["cr:Get*","cr:List*","cr:PullRepository"],"Effect":"Allow","Resource":["*"]},{"Action":["eci:CreateContainerGroup","eci:DeleteContainerGroup","eci:DescribeContainerGroups","eci:DescribeContainerLog"],"Effect":"Allow","Resource":["*"]},{"Action":["log:*"],"Effect":"Allow","Resource":["*"]},{"Action":["cms:*"],"Effect":"Allow","Resource":["*"]},{"Action":["vpc:*"],"Effect":"Allow","Resource":["*"]}]}'
        $r = Set-AckWorkerRolePolicy -PolicyName $script:ProPolicy -RoleName $script:ProRole -Document $v1 -BackupPath $script:dir -Confirm:$false -PassThru
        $r.DefaultVersion | Should -Be 'v1'
        (Get-Writes).action | Should -Be @('SetDefaultPolicyVersion')
    }

    It 'frees a slot at five versions by deleting the oldest backed-up non-default version' {
        $doc = '{"Version":"1","Statement":[{"Effect":"Allow","Action":["ecs:DescribeInstances","cr:PullRepository"],"Resource":"*"}]}'
        $r = Set-AckWorkerRolePolicy -PolicyName AckLegacyNodePolicy -RoleName AckLegacyNodeRole -Document $doc -BackupPath $script:dir -Confirm:$false -PassThru
        $r.DefaultVersion | Should -Be 'v8'
        (Get-Writes).action | Should -Be @('DeletePolicyVersion', 'CreatePolicyVersion')
        (Get-Versions AckLegacyNodePolicy AckLegacyNodeRole).VersionIds | Should -Be @('v4', 'v5', 'v6', 'v7', 'v8')
        (Get-Content -Raw -LiteralPath $r.BackupPath | ConvertFrom-Json).Content.Versions.VersionId | Should -Contain 'v3'
    }

    It 'takes an AckPolicyRecommendation from the pipeline' {
        $current = Get-AckWorkerRolePolicy -ClusterId $script:ProId
        $activity = @(
            New-Object AckHardening.Audit.AckRoleActivity -Property @{ RoleName = $script:ProRole; ClusterId = $script:ProId; Action = 'ecs:DescribeInstances'; Count = 12 }
            New-Object AckHardening.Audit.AckRoleActivity -Property @{ RoleName = $script:ProRole; ClusterId = $script:ProId; Action = 'cr:GetAuthorizationToken'; Count = 3 }
        )
        $core = [AppDomain]::CurrentDomain.GetAssemblies() | Where-Object { $_.GetName().Name -eq 'AckHardening.Core' } | Select-Object -First 1
        $recommend = $core.GetType('AckHardening.Core.Policy.PolicyRecommender', $true).GetMethod('Recommend')
        $rec = $recommend.Invoke($null, @($current.Document, [AckHardening.Audit.AckRoleActivity[]] $activity, $null))
        $rec.PolicyName = $current.PolicyName; $rec.RoleName = $current.RoleName; $rec.ClusterId = $current.ClusterId; $rec.CurrentVersion = 'v2'

        $r = $rec | Set-AckWorkerRolePolicy -BackupPath $script:dir -Confirm:$false -PassThru
        $r.DefaultVersion | Should -Be 'v3'
        $r.ClusterId | Should -Be $script:ProId
        $r.Document.ToJson() | Should -Be $rec.ProposedDocument.ToJson()

        # Rerunning the same recommendation (computed from v2) after it was applied is a no-op, not a conflict.
        $again = $rec | Set-AckWorkerRolePolicy -BackupPath $script:dir -Confirm:$false -PassThru
        $again.Changed | Should -BeFalse
        $again.DefaultVersion | Should -Be 'v3'
    }

    It 'applies a proposal saved with Export-Clixml and read back for review' {
        $rec = Get-AckWorkerRolePolicy -RoleName $script:ProRole | Get-AckPolicyRecommendation -Activity @(
            [AckHardening.Audit.AckRoleActivity]@{ RoleName = $script:ProRole; Action = 'ecs:DescribeInstances'; Count = 3; FirstSeen = [datetimeoffset]::UtcNow.AddDays(-20); LastSeen = [datetimeoffset]::UtcNow; Source = 'File' }
        ) -Force -WarningAction SilentlyContinue
        $xml = Join-Path $script:dir 'proposal.xml'
        $rec | Export-Clixml -LiteralPath $xml
        $r = Import-Clixml -LiteralPath $xml | Set-AckWorkerRolePolicy -BackupPath $script:dir -Confirm:$false -PassThru
        $r.Changed | Should -BeTrue
        (Get-AckWorkerRolePolicy -RoleName $script:ProRole).Document.ToJson() | Should -Be $rec.ProposedDocument.ToJson()
    }

    It 'refuses a recommendation computed from another default version unless -Force' {
        { Set-AckWorkerRolePolicy -PolicyName $script:ProPolicy -RoleName $script:ProRole -Document $script:Small -BasedOnVersion v1 -BackupPath $script:dir -Confirm:$false -ErrorAction Stop } |
            Should -Throw -ErrorId (& $script:ErrId 'AckPolicyChangedSinceRecommendation')
        Get-Writes | Should -HaveCount 0
        $r = Set-AckWorkerRolePolicy -PolicyName $script:ProPolicy -RoleName $script:ProRole -Document $script:Small -BasedOnVersion v1 -Force -BackupPath $script:dir -Confirm:$false -PassThru
        $r.DefaultVersion | Should -Be 'v3'
    }

    Context 'bad input changes nothing' {
        It 'refuses malformed JSON' {
            { Set-AckWorkerRolePolicy -PolicyName $script:ProPolicy -Document '{"Version":"1","Statement":[' -BackupPath $script:dir -Confirm:$false -ErrorAction Stop } |
                Should -Throw -ErrorId (& $script:ErrId 'AckPolicyInvalid')
            Get-Writes | Should -HaveCount 0
            @(Get-ChildItem -LiteralPath $script:dir) | Should -HaveCount 0
        }

        It 'refuses a document over 6,144 bytes minified' {
            $actions = 1..400 | ForEach-Object { '"ecs:DescribeSomethingRatherLong{0:d4}"' -f $_ }
            $big = '{"Version":"1","Statement":[{"Effect":"Allow","Action":[' + ($actions -join ',') + '],"Resource":"*"}]}'
            $err = $null
            Set-AckWorkerRolePolicy -PolicyName $script:ProPolicy -Document $big -BackupPath $script:dir -Confirm:$false -ErrorVariable err -ErrorAction SilentlyContinue
            $err[0].FullyQualifiedErrorId | Should -Be (& $script:ErrId 'AckPolicyInvalid')
            $err[0].Exception.Message | Should -Match '6144'
            Get-Writes | Should -HaveCount 0
        }

        It 'refuses an action without a service prefix' {
            $bad = '{"Version":"1","Statement":[{"Effect":"Allow","Action":["DescribeInstances"],"Resource":"*"}]}'
            { Set-AckWorkerRolePolicy -PolicyName $script:ProPolicy -Document $bad -BackupPath $script:dir -Confirm:$false -ErrorAction Stop } |
                Should -Throw -ErrorId (& $script:ErrId 'AckPolicyInvalid')
            Get-Writes | Should -HaveCount 0
        }

        It 'reports an unknown policy' {
            { Set-AckWorkerRolePolicy -PolicyName NoSuchPolicy -Document $script:Small -BackupPath $script:dir -Confirm:$false -ErrorAction Stop } |
                Should -Throw -ErrorId (& $script:ErrId 'AckPolicyNotFound')
        }

        It 'refuses a System policy' {
            { Set-AckWorkerRolePolicy -PolicyName AliyunECSReadOnlyAccess -RoleName AckLegacyNodeRole -Document $script:Small -BackupPath $script:dir -Confirm:$false -ErrorAction Stop } |
                Should -Throw -ErrorId (& $script:ErrId 'AckPolicyNotCustom')
            Get-Writes | Should -HaveCount 0
            @(Get-ChildItem -LiteralPath $script:dir) | Should -HaveCount 0
        }

        It 'refuses an empty proposal without -DetachWhenEmpty, detaches with it' {
            $empty = [AckHardening.Policy.PolicyDocument]::new()
            { Set-AckWorkerRolePolicy -PolicyName AckGpuNodePolicy -RoleName AckGpuNodeRole -Document $empty -BackupPath $script:dir -Confirm:$false -ErrorAction Stop } |
                Should -Throw -ErrorId (& $script:ErrId 'AckPolicyEmptyProposal')
            Get-Writes | Should -HaveCount 0
            $r = Set-AckWorkerRolePolicy -PolicyName AckGpuNodePolicy -RoleName AckGpuNodeRole -Document $empty -DetachWhenEmpty -BackupPath $script:dir -Confirm:$false -PassThru
            $r.IsAttached | Should -BeFalse
            (Get-Writes).action | Should -Be @('DetachPolicyFromRole')
            @(Get-AckWorkerRolePolicy -RoleName AckGpuNodeRole) | Should -HaveCount 0
        }

        It 'refuses when the backup folder cannot be written, before any write' {
            $file = New-TemporaryFile
            $err = $null
            Set-AckWorkerRolePolicy -PolicyName $script:ProPolicy -RoleName $script:ProRole -Document $script:Small -BackupPath (Join-Path $file.FullName 'sub') -Confirm:$false -ErrorVariable err -ErrorAction SilentlyContinue
            $err[0].FullyQualifiedErrorId | Should -Be (& $script:ErrId 'AckPolicyBackupWriteFailed')
            Get-Writes | Should -HaveCount 0
            (Get-AckWorkerRolePolicy -RoleName $script:ProRole).DefaultVersion | Should -Be 'v2'
        }
    }

    It 'warns when the policy is attached to other roles too' {
        $warn = $null
        Set-AckWorkerRolePolicy -PolicyName AckSharedNodePolicy -RoleName AckSharedNodeRoleA -Document $script:Small -BackupPath $script:dir -Confirm:$false -WarningVariable warn -WarningAction SilentlyContinue
        ($warn -join "`n") | Should -Match 'AckSharedNodeRoleB'
        (Get-AckWorkerRolePolicy -RoleName AckSharedNodeRoleB).DefaultVersion | Should -Be 'v2'
    }

    Context 'reliability' {
        It 'retries a throttled CreatePolicyVersion and creates exactly one version' {
            Add-AckSandboxFault $script:sbx @{ service = 'Ram'; action = 'CreatePolicyVersion'; kind = 'throttle'; count = 2 }
            $r = Set-AckWorkerRolePolicy -PolicyName $script:ProPolicy -RoleName $script:ProRole -Document $script:Small -BackupPath $script:dir -Confirm:$false -PassThru
            $r.DefaultVersion | Should -Be 'v3'
            $creates = @(Get-AckSandboxRequest $script:sbx -Action CreatePolicyVersion)
            $creates | Should -HaveCount 3
            @($creates | Where-Object status -eq 200) | Should -HaveCount 1
            (Get-Versions $script:ProPolicy $script:ProRole).VersionIds | Should -Be @('v1', 'v2', 'v3')
        }

        It 'does not resend after a lost answer; re-reads and finds its version applied' {
            Add-AckSandboxFault $script:sbx @{ service = 'Ram'; action = 'CreatePolicyVersion'; kind = 'reset-after'; count = 1 }
            $r = Set-AckWorkerRolePolicy -PolicyName $script:ProPolicy -RoleName $script:ProRole -Document $script:Small -BackupPath $script:dir -Confirm:$false -PassThru
            $r.Changed | Should -BeTrue
            $r.DefaultVersion | Should -Be 'v3'
            @(Get-AckSandboxRequest $script:sbx -Action CreatePolicyVersion) | Should -HaveCount 1
            (Get-Versions $script:ProPolicy $script:ProRole).VersionIds | Should -Be @('v1', 'v2', 'v3')
        }

        It 'a run that fails after its backup can be rerun safely' {
            # Every attempt's connection drops before RAM acts: the command gives up after its backup was written.
            Add-AckSandboxFault $script:sbx @{ service = 'Ram'; action = 'CreatePolicyVersion'; kind = 'reset'; count = 5 }
            $err = $null
            Set-AckWorkerRolePolicy -PolicyName $script:ProPolicy -RoleName $script:ProRole -Document $script:Small -BackupPath $script:dir -Confirm:$false -ErrorVariable err -ErrorAction SilentlyContinue
            $err[0].FullyQualifiedErrorId | Should -Be (& $script:ErrId 'AckPolicyChangeNotSettled')
            @(Get-ChildItem -LiteralPath $script:dir -Filter *.json) | Should -HaveCount 1
            (Get-AckWorkerRolePolicy -RoleName $script:ProRole).DefaultVersion | Should -Be 'v2'

            Clear-AckSandboxFault $script:sbx
            $r = Set-AckWorkerRolePolicy -PolicyName $script:ProPolicy -RoleName $script:ProRole -Document $script:Small -BackupPath $script:dir -Confirm:$false -PassThru
            $r.DefaultVersion | Should -Be 'v3'
            (Get-Versions $script:ProPolicy $script:ProRole).VersionIds | Should -Be @('v1', 'v2', 'v3')
        }
    }
}
