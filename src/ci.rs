//! `bayan init --ci github|gitlab`: a CI workflow that checks every change, builds
//! the site with a pinned bayan, and deploys it to GitHub Pages or GitLab Pages,
//! with a nightly run so an advisory whose time has come is published without a push.
//!
//! bayan is pinned to the version that wrote the workflow (`cargo install bayan
//! --version =X --locked`), so a new bayan release can never change a team's site
//! without a commit that says so: to upgrade, change `BAYAN_VERSION`. The binary is
//! cached by version, so only the first run compiles it.

use clap::ValueEnum;

/// Where the site is built and deployed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Ci {
    /// .github/workflows/advisories.yml, deploying to GitHub Pages.
    Github,
    /// .gitlab-ci.yml, deploying to GitLab Pages.
    Gitlab,
}

impl Ci {
    /// The workflow's path in the site folder.
    pub fn path(self) -> &'static str {
        match self {
            Ci::Github => ".github/workflows/advisories.yml",
            Ci::Gitlab => ".gitlab-ci.yml",
        }
    }

    /// The workflow, pinning `version` of bayan.
    pub fn workflow(self, version: &str) -> String {
        let template = match self {
            Ci::Github => GITHUB,
            Ci::Gitlab => GITLAB,
        };
        template
            .replace("@VERSION@", version)
            .replace("@GUIDE@", crate::cli::GUIDE)
    }
}

const GITHUB: &str = r#"# Written by `bayan init --ci github`. Checks every push and pull request,
# builds the site with a pinned bayan and deploys output/ to GitHub Pages; runs
# nightly too, so an advisory dated for later is published on its day.
# Turn Pages on with "GitHub Actions" as the source (Settings > Pages), and set
# site.yaml's base_url to the Pages address (https://ORG.github.io/REPO/).
# To upgrade bayan, change BAYAN_VERSION.
# Deploying, step by step (and other hosts): bayan's guide, @GUIDE@deploying/ci.md
name: advisories

on:
  push:
    branches: [main]
  pull_request:
  schedule:
    - cron: "17 3 * * *"
  workflow_dispatch:

permissions:
  contents: read

concurrency:
  group: pages-${{ github.ref }}
  cancel-in-progress: false

env:
  BAYAN_VERSION: "@VERSION@"

jobs:
  build:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v5
      - name: Cache bayan
        id: cache
        uses: actions/cache@v5
        with:
          path: ~/.cargo/bin/bayan
          key: bayan-${{ env.BAYAN_VERSION }}-${{ runner.os }}
      - name: Install bayan
        if: steps.cache.outputs.cache-hit != 'true'
        run: cargo install bayan --version "=${BAYAN_VERSION}" --locked
      - name: Check
        run: bayan check
      - name: Build
        run: bayan build
      - uses: actions/upload-pages-artifact@v4
        with:
          path: output

  deploy:
    if: github.event_name != 'pull_request' && github.ref == 'refs/heads/main'
    needs: build
    runs-on: ubuntu-latest
    permissions:
      pages: write
      id-token: write
    environment:
      name: github-pages
      url: ${{ steps.deployment.outputs.page_url }}
    steps:
      - id: deployment
        uses: actions/deploy-pages@v5
"#;

const GITLAB: &str = r#"# Written by `bayan init --ci gitlab`. Checks every merge request, builds the
# site with a pinned bayan and deploys it to GitLab Pages from the default branch.
# GitLab Pages serves the folder `public`, so the site is built there rather
# than in output/. For the nightly run that publishes an advisory on its day, add
# a schedule (Build > Pipeline schedules, e.g. `17 3 * * *`) on the default branch.
# Set site.yaml's base_url to the Pages address. To upgrade bayan, change
# BAYAN_VERSION.
# Deploying, step by step (and other hosts): bayan's guide, @GUIDE@deploying/ci.md
variables:
  BAYAN_VERSION: "@VERSION@"
  CARGO_HOME: "$CI_PROJECT_DIR/.cargo"

stages:
  - check
  - deploy

default:
  image: rust:1
  cache:
    key: "bayan-$BAYAN_VERSION"
    paths:
      - .cargo/bin/
  before_script:
    - export PATH="$CARGO_HOME/bin:$PATH"
    - command -v bayan || cargo install bayan --version "=$BAYAN_VERSION" --locked

check:
  stage: check
  script:
    - bayan check
    - bayan build --output public
  rules:
    - if: $CI_PIPELINE_SOURCE == "merge_request_event"

pages:
  stage: deploy
  script:
    - bayan check
    - bayan build --output public
  artifacts:
    paths:
      - public
  rules:
    - if: $CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH
"#;
