hubSearch.loaded("manifest",{"sections":9,"sectionsPerShard":32,"terms":[["100k","783ef660b0"]],"docs":["af7e950c2c"]});
