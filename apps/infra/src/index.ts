export { stageNames, type StageConfig, type StageName } from './stages/stage-config';
export { resolveStageConfig, stageConfigs, type StageOverrides } from './stages/stages';
export {
  ItemsApiStack,
  stackNameFor,
  StackOutputs,
  type ItemsApiStackProps,
} from './stacks/items-api-stack';
export { synthesizeTemplate, type SynthesizeTemplateOptions } from './stacks/synthesize-template';
export {
  siteContentSecurityPolicy,
  siteHeaders,
  siteHeaderSettings,
} from './constructs/site-headers';
export {
  GitHubDeployAccessStack,
  githubDeployAccessStackName,
  type GitHubDeployAccessStackProps,
} from './stacks/github-deploy-access-stack';
